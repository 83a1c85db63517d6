import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antom, tempDir } from './test-utils';

const vectors = JSON.parse(readFileSync(join(__dirname, '../../core/fixtures/signature-vectors.json'), 'utf8')) as {
  privateKeyPkcs8Pem: string;
  publicKeySpkiPem: string;
  publicKeySpkiBase64: string;
  cases: Array<{
    name: string;
    method: string;
    path: string;
    clientId: string;
    requestTime: string;
    body: string;
    contentToSign: string;
    signatureBase64: string;
  }>;
};

type Vector = (typeof vectors.cases)[number];
const contentFlags = (v: Vector) => ['--path', v.path, '--client-id', v.clientId, '--time', v.requestTime];

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  writeFileSync(join(dir, 'vector.pem'), vectors.privateKeyPkcs8Pem);
  writeFileSync(join(dir, 'vector.pub.b64'), vectors.publicKeySpkiBase64);
});
afterAll(() => cleanup());

describe('antom keys generate', () => {
  it('writes PKCS#8 + SPKI as PEM and base64, mode 0600, that openssl accepts; never prints the private key', async () => {
    const result = await antom(['keys', 'generate', '--out', join(dir, 'keys')]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('PRIVATE KEY');
    const file = (name: string) => join(dir, 'keys', name);
    for (const name of ['private-key.pem', 'private-key.base64.txt', 'public-key.pem', 'public-key.base64.txt']) {
      expect(statSync(file(name)).mode & 0o777).toBe(0o600);
    }
    const privatePem = readFileSync(file('private-key.pem'), 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(
      execFileSync('openssl', ['rsa', '-in', file('private-key.pem'), '-check', '-noout'], { encoding: 'utf8' }),
    ).toMatch(/RSA key ok/);
    const openSslPub = execFileSync('openssl', ['pkey', '-in', file('private-key.pem'), '-pubout'], {
      encoding: 'utf8',
    });
    expect(readFileSync(file('public-key.pem'), 'utf8')).toBe(openSslPub);
    const publicB64 = readFileSync(file('public-key.base64.txt'), 'utf8').trim();
    expect(result.stdout).toContain(publicB64);
    expect(
      createPublicKey({ key: Buffer.from(publicB64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyDetails
        ?.modulusLength,
    ).toBe(2048);
    const privateB64 = readFileSync(file('private-key.base64.txt'), 'utf8').trim();
    expect(
      createPrivateKey({ key: Buffer.from(privateB64, 'base64'), format: 'der', type: 'pkcs8' }).export({
        type: 'pkcs8',
        format: 'pem',
      }),
    ).toBe(privatePem);

    const again = await antom(['keys', 'generate', '--out', join(dir, 'keys')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists.*--force/);
    const printed = await antom(['keys', 'generate', '--out', join(dir, 'keys2'), '--print']);
    expect(printed.stdout).toContain('-----BEGIN PRIVATE KEY-----');
  });
});

describe('antom sign / verify', () => {
  it('signs every known vector byte for byte, and agrees with openssl dgst -sha256', async () => {
    for (const v of vectors.cases) {
      const bodyFile = join(dir, `${v.name}.body`);
      writeFileSync(bodyFile, v.body);
      const args = ['--method', v.method, ...contentFlags(v), '--body-file', bodyFile];
      const result = await antom(['sign', ...args, '--private-key-file', join(dir, 'vector.pem')]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(
        `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(v.signatureBase64)}`,
      );

      const contentFile = join(dir, `${v.name}.content`);
      writeFileSync(contentFile, v.contentToSign);
      const openssl = execFileSync('openssl', [
        'dgst',
        '-sha256',
        '-sign',
        join(dir, 'vector.pem'),
        contentFile,
      ]).toString('base64');
      expect(openssl).toBe(v.signatureBase64);

      const ok = await antom([
        'verify',
        ...args,
        '--signature',
        result.stdout.trim(),
        '--public-key-file',
        join(dir, 'vector.pub.b64'),
      ]);
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^valid/);
    }
  });

  it('--explain shows the content to sign with line feeds and hidden characters visible', async () => {
    const v = vectors.cases[0]!;
    const result = await antom([
      'sign',
      ...contentFlags(v),
      '--body',
      `${v.body}\t\r\n\u200b`,
      '--private-key-file',
      join(dir, 'vector.pem'),
      '--key-version',
      '3',
      '--explain',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^algorithm=RSA256,keyVersion=3,signature=/);
    expect(result.stderr).toContain(`POST ${v.path}\\n\n${v.clientId}.${v.requestTime}.${v.body}\\t\\r\\n\n<U+200B>`);
    expect(result.stderr).toMatch(/sha256 [0-9a-f]{64}/);
  });

  it('verify: 1 for a signature that does not match, 2 with a reason for bad input', async () => {
    const v = vectors.cases[0]!;
    const base = ['verify', ...contentFlags(v), '--public-key-file', join(dir, 'vector.pub.b64')];
    const header = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(v.signatureBase64)}`;
    const tampered = await antom([...base, '--body', `${v.body} `, '--signature', header]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^invalid: .*--explain/s);
    expect(tampered.stdout).not.toContain(v.signatureBase64);
    const malformed = await antom([...base, '--body', v.body, '--signature', 'algorithm=RSA256,signature=%%%']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/malformed/);
    const missing = await antom(['verify', '--path', v.path]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --client-id/);
    const badKey = await antom([
      ...base.slice(0, -1),
      join(dir, 'vector.pem'),
      '--body',
      v.body,
      '--signature',
      header,
    ]);
    expect(badKey.code).toBe(2);
    const unknownFlag = await antom(['sign', '--nope']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/--nope/);
  });
});
