import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { AntomKeyError } from './errors';

/** A key as users have it: PEM, the bare base64 the Antom dashboard shows, DER bytes, or a parsed KeyObject. */
export type KeyInput = string | Buffer | Uint8Array | KeyObject;

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const CACHE_LIMIT = 64;
const privateCache = new Map<string, KeyObject>();
const publicCache = new Map<string, KeyObject>();

function remember(cache: Map<string, KeyObject>, text: string, key: KeyObject): KeyObject {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, key);
  return key;
}

type Der = { der: Buffer; label?: string };

function toDer(input: string | Buffer | Uint8Array, role: string): Der {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const pem = PEM.exec(text);
  if (pem) return { der: base64Bytes(pem[2]!, role), label: pem[1]! };
  if (typeof input !== 'string' && looksLikeDer(Buffer.from(input))) return { der: Buffer.from(input) };
  return { der: base64Bytes(text, role) };
}

function base64Bytes(text: string, role: string): Buffer {
  const compact = text.replace(/\s+/g, '').replace(/\\n/g, '');
  if (compact.length === 0) throw new AntomKeyError('KEY_EMPTY', `The ${role} is empty.`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new AntomKeyError(
      'KEY_FORMAT',
      `The ${role} is neither PEM nor base64. Paste the key as the Antom dashboard shows it (bare base64) or as a PEM block.`,
    );
  }
  return Buffer.from(compact, 'base64');
}

function looksLikeDer(bytes: Buffer): boolean {
  return bytes.length > 64 && bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81);
}

/** Reads the DER header of an RSA key: after the outer SEQUENCE and the version INTEGER, PKCS#8 has a SEQUENCE. */
function privateDerType(der: Buffer): 'pkcs8' | 'pkcs1' | undefined {
  let i = skipHeader(der, 0);
  if (i === undefined || der[i] !== 0x02) return undefined;
  const versionLength = der[i + 1];
  if (versionLength === undefined || versionLength > 2) return undefined;
  i += 2 + versionLength;
  if (der[i] === 0x30) return 'pkcs8';
  if (der[i] === 0x02) return 'pkcs1';
  return undefined;
}

function skipHeader(der: Buffer, offset: number): number | undefined {
  if (der[offset] !== 0x30) return undefined;
  const len = der[offset + 1];
  if (len === undefined) return undefined;
  return len & 0x80 ? offset + 2 + (len & 0x7f) : offset + 2;
}

function describe(label: string | undefined): string {
  return label ? `a PEM "${label}" block` : 'DER/base64 data';
}

/**
 * Loads your merchant private key: PKCS#8 (`BEGIN PRIVATE KEY`, the dashboard's base64) or PKCS#1
 * (`BEGIN RSA PRIVATE KEY`, from `openssl genrsa`). Parsed once and cached.
 */
export function loadPrivateKey(key: KeyInput): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'private') {
      throw new AntomKeyError('KEY_TYPE', `Expected a private key but got a ${key.type} KeyObject.`);
    }
    return key;
  }
  const cacheKey = typeof key === 'string' ? key : undefined;
  const cached = cacheKey === undefined ? undefined : privateCache.get(cacheKey);
  if (cached) return cached;
  const { der, label } = toDer(key, 'private key');
  if (label && /PUBLIC KEY|CERTIFICATE/.test(label)) {
    throw new AntomKeyError(
      'KEY_TYPE',
      `Expected your private key but found ${describe(label)}. The private key is the one Antom showed once when you generated it.`,
    );
  }
  if (label && /ENCRYPTED/.test(label)) {
    throw new AntomKeyError(
      'KEY_ENCRYPTED',
      'The private key is encrypted; decrypt it first (openssl pkcs8 -nocrypt).',
    );
  }
  const type = label === 'RSA PRIVATE KEY' ? 'pkcs1' : label === 'PRIVATE KEY' ? 'pkcs8' : privateDerType(der);
  if (!type) {
    throw new AntomKeyError(
      'KEY_FORMAT',
      `Expected an RSA private key (PKCS#8 or PKCS#1) but found ${describe(label)} that is neither. Check that you pasted the private key, not the Antom public key.`,
    );
  }
  let parsed: KeyObject;
  try {
    parsed = createPrivateKey({ key: der, format: 'der', type });
  } catch (cause) {
    throw new AntomKeyError('KEY_FORMAT', `The private key looks like ${type.toUpperCase()} but could not be parsed.`, {
      cause: scrub(cause),
    });
  }
  if (parsed.asymmetricKeyType !== 'rsa') {
    throw new AntomKeyError('KEY_TYPE', `Expected an RSA private key but found ${parsed.asymmetricKeyType} key.`);
  }
  return cacheKey === undefined ? parsed : remember(privateCache, cacheKey, parsed);
}

/**
 * Loads the Antom public key (X.509 SPKI as the dashboard shows it, `BEGIN PUBLIC KEY`, or PKCS#1
 * `BEGIN RSA PUBLIC KEY`). A private KeyObject is accepted and reduced to its public half.
 */
export function loadPublicKey(key: KeyInput): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type === 'public') return key;
    if (key.type === 'private') return createPublicKey(key);
    throw new AntomKeyError('KEY_TYPE', `Expected a public key but got a ${key.type} KeyObject.`);
  }
  const cacheKey = typeof key === 'string' ? key : undefined;
  const cached = cacheKey === undefined ? undefined : publicCache.get(cacheKey);
  if (cached) return cached;
  const { der, label } = toDer(key, 'public key');
  if (label && /PRIVATE KEY/.test(label)) {
    throw new AntomKeyError(
      'KEY_TYPE',
      `Expected the Antom public key but found ${describe(label)}. Use the public key from Antom's dashboard (Developer > Key configuration).`,
    );
  }
  const type = label === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki';
  let parsed: KeyObject;
  try {
    parsed = createPublicKey({ key: der, format: 'der', type });
  } catch (cause) {
    if (!label && privateDerType(der)) {
      throw new AntomKeyError(
        'KEY_TYPE',
        'Expected the Antom public key but found a private key. Use the public key from Antom’s dashboard.',
      );
    }
    throw new AntomKeyError(
      'KEY_FORMAT',
      `Expected an X.509 SubjectPublicKeyInfo public key but found ${describe(label)} that could not be parsed as one.`,
      { cause: scrub(cause) },
    );
  }
  if (parsed.asymmetricKeyType !== 'rsa') {
    throw new AntomKeyError('KEY_TYPE', `Expected an RSA public key but found ${parsed.asymmetricKeyType} key.`);
  }
  return cacheKey === undefined ? parsed : remember(publicCache, cacheKey, parsed);
}

/** OpenSSL errors name the problem but never carry the key; keep only the message. */
function scrub(cause: unknown): Error | undefined {
  return cause instanceof Error ? new Error(cause.message) : undefined;
}

/** One Antom public key, or several by `keyVersion` so a key can rotate without downtime. */
export type PublicKeyring = KeyInput | Readonly<Record<string, KeyInput>>;

export type KeyLookup = (keyVersion: string | undefined) => KeyObject | undefined;

function isKeyMap(input: PublicKeyring): input is Readonly<Record<string, KeyInput>> {
  return (
    typeof input === 'object' &&
    !(input instanceof KeyObject) &&
    !Buffer.isBuffer(input) &&
    !(input instanceof Uint8Array)
  );
}

/**
 * Parses a keyring once. With a single key, every keyVersion maps to it. With a map, the header's keyVersion
 * picks the key; a missing keyVersion picks the highest version (Antom's default is the latest key).
 */
export function loadPublicKeyring(input: PublicKeyring): KeyLookup {
  if (!isKeyMap(input)) {
    const key = loadPublicKey(input);
    return () => key;
  }
  const entries = Object.entries(input);
  if (entries.length === 0) throw new AntomKeyError('KEY_EMPTY', 'The Antom public keyring has no keys.');
  const keys = new Map(entries.map(([version, key]) => [version, loadPublicKey(key)]));
  const latest = [...keys.keys()].sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))[0]!;
  return (keyVersion) => keys.get(keyVersion ?? latest);
}
