import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/signature-vectors.json';
import { buildContentToSign, parseSignatureHeader, signRequest, verifySignature } from './signature';

const key = { privateKey: vectors.privateKeyPkcs8Pem, publicKey: vectors.publicKeySpkiPem };

describe.each(vectors.cases)('vector $name', (c) => {
  const content = { method: c.method, path: c.path, clientId: c.clientId, time: c.requestTime, body: c.body };

  it('builds the same content to sign', () => {
    expect(buildContentToSign(content)).toBe(c.contentToSign);
  });

  it('signs byte for byte like the official SDKs', () => {
    expect(signRequest({ ...content, privateKey: key.privateKey })).toBe(c.signatureHeader);
    expect(signRequest({ ...content, privateKey: vectors.privateKeyPkcs8Base64 })).toBe(c.signatureHeader);
    expect(signRequest({ ...content, body: Buffer.from(c.body), privateKey: key.privateKey })).toBe(c.signatureHeader);
  });

  it('verifies the known signature and rejects any change', () => {
    expect(verifySignature({ ...content, signature: c.signatureHeader, publicKey: key.publicKey })).toBe(true);
    expect(verifySignature({ ...content, signature: c.signatureHeader, publicKey: vectors.publicKeySpkiBase64 })).toBe(
      true,
    );
    expect(
      verifySignature({ ...content, body: `${c.body} `, signature: c.signatureHeader, publicKey: key.publicKey }),
    ).toBe(false);
    expect(
      verifySignature({ ...content, path: `${c.path}?x=1`, signature: c.signatureHeader, publicKey: key.publicKey }),
    ).toBe(false);
    expect(
      verifySignature({
        ...content,
        time: `${c.requestTime}0`,
        signature: c.signatureHeader,
        publicKey: key.publicKey,
      }),
    ).toBe(false);
  });

  it('accepts the header with spaces, any order, raw base64 and any name case', () => {
    const sig = c.signatureBase64;
    for (const header of [
      `algorithm=RSA256, keyVersion=1, signature=${encodeURIComponent(sig)}`,
      `signature=${encodeURIComponent(sig)}`,
      `keyVersion=1,Signature=${sig}`,
      ` Algorithm = RSA256 ,KEYVERSION=1 ,signature=${encodeURIComponent(sig)} `,
    ]) {
      expect(verifySignature({ ...content, signature: header, publicKey: key.publicKey }), header.slice(0, 40)).toBe(
        true,
      );
    }
  });

  it('agrees with openssl dgst -sha256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'antom-openssl-'));
    writeFileSync(join(dir, 'key.pem'), key.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'content'), c.contentToSign);
    const out = execFileSync('openssl', ['dgst', '-sha256', '-sign', join(dir, 'key.pem'), join(dir, 'content')]);
    expect(out.toString('base64')).toBe(c.signatureBase64);
  });
});

describe('parseSignatureHeader', () => {
  it('splits on the first signature= only, keeping = padding', () => {
    expect(parseSignatureHeader('algorithm=RSA256,keyVersion=2,signature=ab%2Bc%2Fw%3D%3D')).toEqual({
      algorithm: 'RSA256',
      keyVersion: '2',
      signature: 'ab+c/w==',
    });
  });

  it('never turns + into a space', () => {
    expect(parseSignatureHeader('signature=ab+c').signature).toBe('ab+c');
  });

  it.each([
    ['', 'SIGNATURE_MISSING'],
    ['algorithm=RSA256,keyVersion=1', 'SIGNATURE_MALFORMED'],
    ['signature=%E0%A4%A', 'SIGNATURE_MALFORMED'],
    ['signature=ab c', 'SIGNATURE_MALFORMED'],
    ['xsignature=abcd', 'SIGNATURE_MALFORMED'],
    ['algorithm=HMAC256,signature=abcd', 'SIGNATURE_ALGORITHM_UNSUPPORTED'],
  ])('rejects %j with %s', (value, code) => {
    expect(() => parseSignatureHeader(value)).toThrowError(expect.objectContaining({ code }));
  });

  it('rejects other algorithms and other keys', () => {
    const c = vectors.cases[0]!;
    const content = { path: c.path, clientId: c.clientId, time: c.requestTime, body: c.body };
    expect(
      verifySignature({ ...content, signature: c.signatureHeader.replace('RSA256', 'RSA2'), publicKey: key.publicKey }),
    ).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verifySignature({ ...content, signature: c.signatureHeader, publicKey: other.publicKey })).toBe(false);
  });
});
