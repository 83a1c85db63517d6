import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/signature-vectors.json';
import { AntomError } from './errors';
import { loadPrivateKey, loadPublicKey } from './keys';
import {
  buildContentToSign,
  contentToSignBytes,
  parseSignatureHeader,
  signRequest,
  verifySignature,
} from './signature';

const privateKey = loadPrivateKey(vectors.privateKeyPkcs8Pem);
const publicKey = loadPublicKey(vectors.publicKeySpkiPem);

const content = fc.record({
  path: fc.stringMatching(/^\/[A-Za-z0-9/_.~%?=&-]{0,80}$/),
  clientId: fc.stringMatching(/^[A-Z0-9_]{1,40}$/),
  time: fc.oneof(
    fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ),
  body: fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.constant(''),
    fc.string({ maxLength: 20_000 }),
    fc.constant('{\r\n  "a": "b"\n}\u2028'),
  ),
});

describe('signature properties', () => {
  it('round-trips any content, as string or bytes', () => {
    fc.assert(
      fc.property(content, (c) => {
        const signature = signRequest({ ...c, privateKey });
        expect(verifySignature({ ...c, signature, publicKey })).toBe(true);
        expect(verifySignature({ ...c, body: Buffer.from(c.body), signature, publicKey })).toBe(true);
        expect(buildContentToSign(c)).toBe(contentToSignBytes(c).toString('utf8'));
      }),
      { numRuns: 60 },
    );
  });

  it('fails when any single byte of body, path, client id or time flips', () => {
    fc.assert(
      fc.property(
        content,
        fc.constantFrom('body', 'path', 'clientId', 'time'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (c, field, at, xor) => {
          const signature = signRequest({ ...c, privateKey });
          const bytes = Buffer.from(c[field]);
          if (bytes.length === 0) return;
          const i = at % bytes.length;
          bytes[i] = bytes[i]! ^ xor;
          const mutated = field === 'body' ? { ...c, body: bytes } : { ...c, [field]: bytes.toString('latin1') };
          if (field !== 'body' && mutated[field] === c[field]) return;
          expect(verifySignature({ ...mutated, signature, publicKey })).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('parses or rejects any header value with a typed error, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('signature=', 'signature=%', 'a=b,signature=%2'),
        ),
        (value) => {
          try {
            parseSignatureHeader(value);
          } catch (error) {
            expect(error).toBeInstanceOf(AntomError);
          }
          expect(
            typeof verifySignature({ path: '/', clientId: 'c', time: '1', body: '', signature: value, publicKey }),
          ).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the canonical header fast path parses exactly like the general path', () => {
    const outcome = (value: string) => {
      try {
        return parseSignatureHeader(value);
      } catch (error) {
        return (error as AntomError).code;
      }
    };
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_.-]{1,32}$/),
        fc.oneof(
          fc
            .uint8Array({ minLength: 1, maxLength: 300 })
            .map((b) => encodeURIComponent(Buffer.from(b).toString('base64'))),
          fc.string({ maxLength: 40 }),
        ),
        (keyVersion, signature) => {
          const canonical = `algorithm=RSA256,keyVersion=${keyVersion},signature=${signature}`;
          // a leading space skips the fast path; the general path trims it away
          expect(outcome(canonical)).toEqual(outcome(` ${canonical}`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('key loaders reject arbitrary input only with typed errors', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String({ maxLength: 2000 }),
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc
            .base64String({ maxLength: 400 })
            .map((b) => `-----BEGIN PRIVATE KEY-----\n${b}\n-----END PRIVATE KEY-----`),
          fc.nat({ max: 1600 }).map((n) => vectors.privateKeyPkcs8Base64.slice(0, n)),
        ),
        (input) => {
          for (const load of [loadPrivateKey, loadPublicKey]) {
            try {
              load(input);
            } catch (error) {
              expect(error).toBeInstanceOf(AntomError);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('agreement with openssl', () => {
  it('openssl verifies our signatures and we verify openssl signatures over random contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'antom-openssl-'));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'key.pem');
    const pubFile = join(dir, 'pub.pem');
    writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs1' }), { mode: 0o600 });
    writeFileSync(pubFile, pair.publicKey.export({ format: 'pem', type: 'spki' }));
    const samples = fc.sample(content, { numRuns: 12, seed: 20261122 });
    samples.forEach((c, n) => {
      const contentFile = join(dir, `content-${n}`);
      const sigFile = join(dir, `sig-${n}`);
      writeFileSync(contentFile, contentToSignBytes(c));
      const header = signRequest({ ...c, privateKey: pair.privateKey });
      writeFileSync(sigFile, Buffer.from(parseSignatureHeader(header).signature, 'base64'));
      const ok = execFileSync('openssl', ['dgst', '-sha256', '-verify', pubFile, '-signature', sigFile, contentFile]);
      expect(ok.toString()).toContain('Verified OK');
      const theirs = execFileSync('openssl', ['dgst', '-sha256', '-sign', keyFile, contentFile]).toString('base64');
      expect(
        verifySignature({ ...c, signature: `signature=${encodeURIComponent(theirs)}`, publicKey: pair.publicKey }),
      ).toBe(true);
    });
  });
});
