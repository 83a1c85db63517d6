import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createNotificationReceiver, verifySignature } from '@antomkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK } from './commands/notify';
import { antom, tempDir } from './test-utils';

const vectors = JSON.parse(readFileSync(join(__dirname, '../../core/fixtures/signature-vectors.json'), 'utf8')) as {
  privateKeyPkcs8Pem: string;
  publicKeySpkiPem: string;
};

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir: string;
let cleanup: () => Promise<void>;
let server: Server;
let origin: string;
const received: Received[] = [];

/** A shop's notification endpoint: verifies with core against the path it was called on, acks only when valid. */
function shop() {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ path: req.url!, headers: req.headers, body: body.toString('utf8') });
      const valid = verifySignature({
        path: req.url!,
        clientId: String(req.headers['client-id']),
        time: String(req.headers['request-time']),
        body,
        signature: String(req.headers.signature ?? ''),
        publicKey: vectors.publicKeySpkiPem,
      });
      if (!valid) {
        res.writeHead(401).end('bad signature');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('sloppy') ? `${ACK}\n` : ACK);
    });
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  writeFileSync(join(dir, 'antom.pem'), vectors.privateKeyPkcs8Pem);
  server = shop();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

const sign = () => ['--client-id', 'SANDBOX_TEST', '--private-key-file', join(dir, 'antom.pem')];

describe('antom notify', () => {
  it('sends a signed PAYMENT_RESULT that a verifying shop acks: exit 0', async () => {
    const result = await antom([
      'notify',
      `${origin}/antom/notifications?shop=1`,
      '--type',
      'PAYMENT_RESULT',
      '--payment-request-id',
      'pay_42',
      '--amount',
      '1999',
      '--currency',
      'EUR',
      ...sign(),
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('200');
    expect(result.stdout).toContain(ACK);
    expect(result.stdout).toMatch(/acknowledged/);
    const last = received.at(-1)!;
    expect(last.path).toBe('/antom/notifications?shop=1');
    expect(last.headers['client-id']).toBe('SANDBOX_TEST');
    expect(JSON.parse(last.body)).toMatchObject({
      notifyType: 'PAYMENT_RESULT',
      result: { resultCode: 'SUCCESS', resultStatus: 'S' },
      paymentRequestId: 'pay_42',
      paymentAmount: { currency: 'EUR', value: '1999' },
    });
  });

  it('builds a valid body for the other kinds too', async () => {
    for (const [type, field] of [
      ['REFUND_RESULT', 'refundRequestId'],
      ['DISPUTE_CREATED', 'disputeId'],
      ['TOKEN_CREATED', 'accessToken'],
    ] as const) {
      const result = await antom(['notify', `${origin}/n`, '--type', type, ...sign()]);
      expect(result.code, `${type}: ${result.stdout}`).toBe(0);
      expect(JSON.parse(received.at(-1)!.body)).toHaveProperty(field);
    }
  });

  it('exit 1 when the shop rejects the signature, answers a sloppy ack, or is not there', async () => {
    const other = join(dir, 'other.pem');
    await antom(['keys', 'generate', '--out', join(dir, 'other')]);
    writeFileSync(other, readFileSync(join(dir, 'other', 'private-key.pem')));
    const rejected = await antom([
      'notify',
      `${origin}/n`,
      '--type',
      'PAYMENT_RESULT',
      '--client-id',
      'C',
      '--private-key-file',
      other,
    ]);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/401[\s\S]*not acknowledged: status 401/);
    const sloppy = await antom(['notify', `${origin}/sloppy`, '--type', 'PAYMENT_RESULT', ...sign()]);
    expect(sloppy.code).toBe(1);
    expect(sloppy.stdout).toMatch(/extra whitespace/);
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const closedPort = (free.address() as AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    const closed = await antom(['notify', `http://127.0.0.1:${closedPort}/n`, '--type', 'PAYMENT_RESULT', ...sign()]);
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/no reply.*ECONNREFUSED/);
    const badType = await antom(['notify', `${origin}/n`, '--type', 'NOPE', ...sign()]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/unknown --type NOPE/);
  });
});

describe('antom notify against the real createNotificationReceiver', () => {
  it('is verified, dispatched to the handler with the typed body, and acked; a failing handler is not acked', async () => {
    const handled: unknown[] = [];
    const receiver = createNotificationReceiver({
      clientId: 'SANDBOX_TEST',
      antomPublicKey: vectors.publicKeySpkiPem,
      logger: false,
    })
      .on('PAYMENT_RESULT', async (n) => {
        handled.push(n);
      })
      .on('REFUND_RESULT', async () => {
        throw new Error('database down');
      });
    const app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void receiver
          .receive({ method: req.method!, path: req.url!, headers: req.headers, rawBody: Buffer.concat(chunks) })
          .then((reply) => res.writeHead(reply.status, reply.headers).end(reply.body));
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/antom/notifications`;
    try {
      const paid = await antom([
        'notify',
        url,
        '--type',
        'PAYMENT_RESULT',
        '--payment-request-id',
        'pay_real',
        ...sign(),
      ]);
      expect(paid.code, paid.stdout).toBe(0);
      expect(handled).toMatchObject([
        {
          notifyType: 'PAYMENT_RESULT',
          paymentRequestId: 'pay_real',
          paymentAmount: { currency: 'USD', value: '100' },
        },
      ]);
      const failed = await antom(['notify', url, '--type', 'REFUND_RESULT', ...sign()]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/^500/);
      const wrongClient = await antom([
        'notify',
        url,
        '--type',
        'PAYMENT_RESULT',
        '--client-id',
        'OTHER',
        '--private-key-file',
        join(dir, 'antom.pem'),
      ]);
      expect(wrongClient.code).toBe(1);
      expect(handled).toHaveLength(1);
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
