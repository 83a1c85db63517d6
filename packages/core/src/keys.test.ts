import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/signature-vectors.json';
import { loadPrivateKey, loadPublicKey, loadPublicKeyring } from './keys';

const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1Pem = pair.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
const pkcs8Pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const spkiPem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const pkcs1PubPem = pair.publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();

describe('loadPrivateKey', () => {
  it.each([
    ['PKCS#8 PEM', pkcs8Pem],
    ['PKCS#1 PEM', pkcs1Pem],
    ['PKCS#8 bare base64 (dashboard)', body(pkcs8Pem)],
    ['PKCS#1 bare base64', body(pkcs1Pem)],
    ['base64 with line breaks and spaces', ` ${body(pkcs8Pem).replace(/(.{64})/g, '$1\n')} `],
    ['PEM with escaped \\n from an env file', pkcs8Pem.replace(/\n/g, '\\n')],
    ['DER bytes', pair.privateKey.export({ format: 'der', type: 'pkcs8' })],
    ['PEM bytes', Buffer.from(pkcs1Pem)],
    ['KeyObject', pair.privateKey],
  ])('loads %s', (_, input) => {
    const key = loadPrivateKey(input);
    expect(key).toBeInstanceOf(KeyObject);
    expect(key.type).toBe('private');
    expect(key.export({ format: 'pem', type: 'pkcs8' })).toBe(pkcs8Pem);
  });

  it('caches a parsed string key', () => {
    expect(loadPrivateKey(vectors.privateKeyPkcs8Pem)).toBe(loadPrivateKey(vectors.privateKeyPkcs8Pem));
  });

  it.each([
    ['a public key', spkiPem, 'KEY_TYPE', /found a PEM "PUBLIC KEY" block/],
    ['garbage', 'not a key!', 'KEY_FORMAT', /neither PEM nor base64/],
    ['empty', '  ', 'KEY_EMPTY', /empty/],
    ['truncated base64', body(pkcs8Pem).slice(0, 200), 'KEY_FORMAT', /./],
    ['a public KeyObject', pair.publicKey, 'KEY_TYPE', /public KeyObject/],
  ])('rejects %s with an error that names the format and never the key', (_, input, code, message) => {
    try {
      loadPrivateKey(input as string);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code });
      expect(String((error as Error).message)).toMatch(message);
      const printed = inspect(error, { depth: 5 });
      expect(printed).not.toContain(body(pkcs8Pem).slice(40, 80));
      expect(printed).not.toContain(body(spkiPem).slice(40, 80));
    }
  });
});

describe('loadPublicKey', () => {
  it.each([
    ['SPKI PEM', spkiPem],
    ['SPKI bare base64 (dashboard)', body(spkiPem)],
    ['PKCS#1 public PEM', pkcs1PubPem],
    ['public KeyObject', pair.publicKey],
    ['private KeyObject (reduced to its public half)', pair.privateKey],
  ])('loads %s', (_, input) => {
    const key = loadPublicKey(input);
    expect(key.type).toBe('public');
    expect(key.export({ format: 'pem', type: 'spki' })).toBe(spkiPem);
  });

  it('rejects a private key given as the Antom public key', () => {
    expect(() => loadPublicKey(pkcs8Pem)).toThrowError(expect.objectContaining({ code: 'KEY_TYPE' }));
    expect(() => loadPublicKey(body(pkcs8Pem))).toThrowError(/found a private key/);
  });
});

describe('loadPublicKeyring', () => {
  it('picks by keyVersion, and the latest when none is given', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const lookup = loadPublicKeyring({ '1': spkiPem, '2': other.publicKey });
    expect(lookup('1')?.export({ format: 'pem', type: 'spki' })).toBe(spkiPem);
    expect(lookup('2')).toBe(other.publicKey);
    expect(lookup(undefined)).toBe(other.publicKey);
    expect(lookup('3')).toBeUndefined();
  });

  it('maps every version to a single key', () => {
    const lookup = loadPublicKeyring(spkiPem);
    expect(lookup('7')?.type).toBe('public');
  });
});
