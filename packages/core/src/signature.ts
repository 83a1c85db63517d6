import { sign, verify } from 'node:crypto';
import { AntomSignatureError } from './errors';
import { type KeyInput, loadPrivateKey, loadPublicKey } from './keys';

export type Body = string | Uint8Array;

export interface SignedContent {
  /** HTTP method; Antom always uses POST. */
  method?: string;
  /** Path plus query as Antom called or was called, without the origin: `/ams/api/v1/payments/pay`. */
  path: string;
  clientId: string;
  /** The `Request-Time` / `Response-Time` header, verbatim. */
  time: string;
  /** The exact bytes sent or received; never a re-serialisation. */
  body: Body;
}

function prefix({ method = 'POST', path, clientId, time }: SignedContent): string {
  return `${method} ${path}\n${clientId}.${time}.`;
}

/** `POST <path>\n<clientId>.<time>.<body>`, the string Antom signs. */
export function buildContentToSign(content: SignedContent): string {
  const { body } = content;
  return prefix(content) + (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
}

/** The content to sign as bytes, without a lossy round trip through a string for byte bodies. */
export function contentToSignBytes(content: SignedContent): Buffer {
  const { body } = content;
  if (typeof body === 'string') return Buffer.from(prefix(content) + body, 'utf8');
  return Buffer.concat([Buffer.from(prefix(content), 'utf8'), body]);
}

/** Signs and returns the `Signature` header value: `algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>`. */
export function signRequest(input: SignedContent & { privateKey: KeyInput; keyVersion?: string | number }): string {
  const signature = sign('sha256', contentToSignBytes(input), loadPrivateKey(input.privateKey)).toString('base64');
  return `algorithm=RSA256,keyVersion=${input.keyVersion ?? 1},signature=${encodeURIComponent(signature)}`;
}

export interface ParsedSignatureHeader {
  algorithm: string;
  keyVersion?: string;
  /** Standard base64, already URL-decoded. */
  signature: string;
}

const SIGNATURE_PARAM = /(?:^|,)\s*signature\s*=/i;
/** What Antom and this package send; parsed without the general path's split and map. */
const CANONICAL_HEADER = /^algorithm=RSA256,keyVersion=([A-Za-z0-9_.-]{1,32}),signature=/;

/** The value after `signature=`, URL-decoded and checked to be standard base64. */
function decodeSignature(value: string, start: number): string {
  let signature: string;
  try {
    signature = decodeURIComponent(value.slice(start).trim());
  } catch {
    throw new AntomSignatureError('SIGNATURE_MALFORMED', 'The signature is not valid percent-encoding.');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) {
    throw new AntomSignatureError('SIGNATURE_MALFORMED', 'The signature is not standard base64.');
  }
  return signature;
}

/**
 * Parses `algorithm=RSA256,keyVersion=1,signature=...` tolerantly: spaces, any order, any case of the names.
 * Splits on the first `signature=` because base64 contains `=`; decodes with `decodeURIComponent` only, so a
 * raw `+` stays a `+` (never form decoding).
 */
export function parseSignatureHeader(value: string): ParsedSignatureHeader {
  const canonical = typeof value === 'string' ? CANONICAL_HEADER.exec(value) : null;
  if (canonical)
    return { algorithm: 'RSA256', keyVersion: canonical[1]!, signature: decodeSignature(value, canonical[0].length) };
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AntomSignatureError('SIGNATURE_MISSING', 'The signature header is empty.');
  }
  const match = SIGNATURE_PARAM.exec(value);
  if (!match) {
    throw new AntomSignatureError(
      'SIGNATURE_MALFORMED',
      'The signature header has no "signature=" part; expected "algorithm=RSA256,keyVersion=1,signature=...".',
    );
  }
  const params = new Map<string, string>();
  for (const part of value.slice(0, match.index).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const signature = decodeSignature(value, match.index + match[0].length);
  const algorithm = params.get('algorithm') ?? 'RSA256';
  if (algorithm.toUpperCase() !== 'RSA256') {
    throw new AntomSignatureError(
      'SIGNATURE_ALGORITHM_UNSUPPORTED',
      `Unsupported signature algorithm "${algorithm.slice(0, 16)}"; Antom signs with RSA256.`,
    );
  }
  const keyVersion = params.get('keyversion');
  return { algorithm, ...(keyVersion ? { keyVersion } : {}), signature };
}

/** Verifies a `Signature` header value against the exact content; false for any mismatch or malformed header. */
export function verifySignature(input: SignedContent & { signature: string; publicKey: KeyInput }): boolean {
  let parsed: ParsedSignatureHeader;
  try {
    parsed = parseSignatureHeader(input.signature);
  } catch {
    return false;
  }
  return verifyParsed(input, parsed, input.publicKey);
}

/**
 * Verifies an already parsed header. RSA verification recomputes and checks the padded digest inside OpenSSL,
 * so there is no early-exit string comparison of signatures to time.
 */
export function verifyParsed(content: SignedContent, parsed: ParsedSignatureHeader, publicKey: KeyInput): boolean {
  return verify(
    'sha256',
    contentToSignBytes(content),
    loadPublicKey(publicKey),
    Buffer.from(parsed.signature, 'base64'),
  );
}

/** First 8 characters of a signature, for logs: enough to correlate, never the whole value. */
export function redactSignature(signature: string | undefined): string {
  if (!signature) return '(none)';
  return signature.length <= 12 ? '(short)' : `${signature.slice(0, 8)}…(${signature.length} chars)`;
}
