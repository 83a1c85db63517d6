import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AntomClient, AntomError, createNotificationReceiver, signRequest, verifySignature } from '@antomkit/core';
import { ANTOM_ACK_BODY, generateTestKeyPair, signNotification } from '@antomkit/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLIENT_ID = 'PROPERTY_CLIENT';
const PATH = '/antom/notifications';
const antom = generateTestKeyPair();
const merchant = generateTestKeyPair();
const stranger = generateTestKeyPair();

const valid = (body: string, time = '2026-01-01T00:00:00Z') =>
  signNotification({ path: PATH, clientId: CLIENT_ID, body, time, privateKey: antom.privateKeyObject });

const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.stringMatching(/^[A-Za-z0-9+/=%, ]{0,400}$/),
  fc.constant(''),
);

/** A valid notification, then zero or more edits of its method, path, headers or bytes. */
const request = fc
  .record({
    body: fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constant('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"pr_1","result":{"resultStatus":"S"}}'),
      fc.string({ unit: 'binary', maxLength: 200 }),
    ),
    edits: fc.array(
      fc.oneof(
        fc.record({ method: fc.constantFrom('GET', 'PUT', 'post', 'POST', 'PATCH', '', 'OPTIONS') }),
        fc.record({ path: fc.oneof(fc.webPath(), fc.constant(`${PATH}?a=1`), fc.constant(`http://x${PATH}`)) }),
        fc.record({
          header: fc.constantFrom('client-id', 'request-time', 'signature', 'Signature', 'CLIENT-ID'),
          value: fc.oneof(headerValue, fc.array(headerValue, { minLength: 1, maxLength: 3 }), fc.constant(undefined)),
        }),
        fc.record({ flip: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
        fc.record({ append: fc.uint8Array({ maxLength: 8 }) }),
      ),
      { maxLength: 3 },
    ),
  })
  .map(({ body, edits }) => {
    const signed = valid(body);
    let method = 'POST';
    let path = PATH;
    const headers: Record<string, string | string[] | undefined> = { ...signed.headers };
    let bytes = Buffer.from(signed.body, 'utf8');
    for (const e of edits) {
      if ('method' in e) method = e.method;
      else if ('path' in e) path = e.path;
      else if ('header' in e) headers[e.header] = e.value as never;
      else if ('flip' in e && bytes.length > 0) {
        bytes = Buffer.from(bytes);
        const i = e.flip % bytes.length;
        bytes[i] = bytes[i]! ^ e.xor;
      } else if ('append' in e) bytes = Buffer.concat([bytes, e.append]);
    }
    return { method, path, headers, rawBody: bytes };
  });

function only(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const values = Object.entries(headers)
    .filter(([k, v]) => k.toLowerCase() === name && v !== undefined)
    .flatMap(([, v]) => (Array.isArray(v) ? v : [v!]));
  return new Set(values).size === 1 ? values[0] : undefined;
}

describe('receiver properties (arbitrary methods, paths, headers and bytes)', () => {
  it('never throws, answers only 200/400/401/405/413, and acks only what verifies for those exact bytes', async () => {
    const seen: unknown[] = [];
    const receiver = createNotificationReceiver({
      clientId: CLIENT_ID,
      antomPublicKey: antom.publicKeyBase64,
      logger: false,
      maxBodyBytes: 4096,
    }).on('*', (n) => void seen.push(n));
    const counts = { runs: 0, acks: 0, handled: 0, statuses: new Map<number, number>() };
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const before = seen.length;
        const reply = await receiver.receive(input);
        counts.runs++;
        counts.statuses.set(reply.status, (counts.statuses.get(reply.status) ?? 0) + 1);
        expect([200, 400, 401, 405, 413]).toContain(reply.status);
        const acked = reply.status === 200 && reply.body === ANTOM_ACK_BODY;
        if (reply.status === 200) expect(reply.body).toBe(ANTOM_ACK_BODY);
        if (seen.length > before) expect(acked).toBe(true);
        if (!acked) return;
        counts.acks++;
        counts.handled += seen.length - before;
        const signature = only(input.headers, 'signature');
        const time = only(input.headers, 'request-time');
        expect(input.method.toUpperCase()).toBe('POST');
        expect(only(input.headers, 'client-id')).toBe(CLIENT_ID);
        const path = input.path.startsWith('http')
          ? new URL(input.path).pathname + new URL(input.path).search
          : input.path;
        expect(
          verifySignature({
            path,
            clientId: CLIENT_ID,
            time: time ?? '',
            body: input.rawBody,
            signature: signature ?? '',
            publicKey: antom.publicKeyObject,
          }),
        ).toBe(true);
      }),
      { numRuns: process.env.SOAK ? 5000 : 400 },
    );
    console.log(
      `[properties] receiver: ${counts.runs} arbitrary requests; statuses ${JSON.stringify(Object.fromEntries(counts.statuses))}; ${counts.acks} acks, all independently verified; ${counts.handled} handler runs`,
    );
  });

  it('the fetch-style handle() never throws on arbitrary bodies and headers that fetch accepts', async () => {
    const receiver = createNotificationReceiver({
      clientId: CLIENT_ID,
      antomPublicKey: antom.publicKeyBase64,
      logger: false,
    }).on('*', () => {});
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        let req: Request;
        try {
          const headers = new Headers();
          for (const [k, v] of Object.entries(input.headers)) {
            for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, value);
          }
          const method = /^(POST|PUT|PATCH)$/.test(input.method) ? input.method : 'POST';
          req = new Request(`http://127.0.0.1${input.path.startsWith('/') ? input.path : '/'}`, {
            method,
            headers,
            body: input.rawBody,
          });
        } catch {
          return; // fetch itself refuses this shape (invalid header bytes); nothing reaches the receiver.
        }
        runs++;
        const res = await receiver.handle(req);
        expect([200, 400, 401, 405, 413]).toContain(res.status);
      }),
      { numRuns: process.env.SOAK ? 2000 : 150 },
    );
    console.log(`[properties] receiver.handle(Request): ${runs} arbitrary fetch requests, none threw`);
  });
});

/** What the loopback "Antom" answers to one call. */
interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  signing: 'valid' | 'none' | 'forged' | 'tampered' | 'other-path' | 'time-only';
}

const resultBody = fc
  .record({
    resultStatus: fc.oneof(fc.constantFrom('S', 'S', 'F', 'U'), fc.string({ maxLength: 3 })),
    resultCode: fc.oneof(
      fc.constantFrom('SUCCESS', 'PAYMENT_IN_PROCESS', 'UNKNOWN_EXCEPTION', 'PROCESS_FAIL'),
      fc.string({ maxLength: 12 }),
    ),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  })
  .map(({ resultStatus, resultCode, extra }) =>
    JSON.stringify({ ...extra, result: { resultStatus, resultCode, resultMessage: 'x' }, paymentRequestId: 'pay_1' }),
  );

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(fc.constant(200), fc.constant(200), fc.constantFrom(201, 204, 302, 400, 401, 404, 418, 500, 503)),
  headers: fc.array(
    fc.tuple(
      fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
      fc.string({ maxLength: 40 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
    ),
    { maxLength: 3 },
  ),
  body: fc.oneof(
    resultBody.map((s) => Buffer.from(s)),
    resultBody.map((s) => Buffer.from(s)),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  ),
  signing: fc.constantFrom('valid', 'valid', 'none', 'forged', 'tampered', 'other-path', 'time-only'),
});

function parsedResult(body: Buffer): { resultStatus: unknown; resultCode: unknown } | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { result?: { resultStatus?: unknown; resultCode?: unknown } };
    return parsed && typeof parsed === 'object' && parsed.result && typeof parsed.result === 'object'
      ? { resultStatus: parsed.result.resultStatus, resultCode: parsed.result.resultCode }
      : undefined;
  } catch {
    return undefined;
  }
}

describe('client response parsing (a loopback "Antom" answering arbitrary bytes and headers)', () => {
  let current: Answer;
  let origin: string;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const a = current;
      const time = '2026-01-01T00:00:00Z';
      const path = a.signing === 'other-path' ? '/ams/api/v1/payments/other' : (req.url ?? '');
      const key = a.signing === 'forged' ? stranger.privateKeyObject : antom.privateKeyObject;
      const signature = signRequest({ path, clientId: CLIENT_ID, time, body: a.body, privateKey: key });
      const body = a.signing === 'tampered' ? Buffer.concat([a.body, Buffer.from(' ')]) : a.body;
      const headers: [string, string][] = [...a.headers, ['content-type', 'application/json']];
      if (a.signing !== 'none') headers.push(['client-id', CLIENT_ID], ['response-time', time]);
      if (a.signing !== 'none' && a.signing !== 'time-only') headers.push(['signature', signature]);
      res.writeHead(a.status, headers.flat());
      res.end(a.status === 204 ? undefined : body);
    });
  });
  let client: AntomClient;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new AntomClient({
      clientId: CLIENT_ID,
      privateKey: merchant.privateKey,
      antomPublicKey: antom.publicKey,
      gateway: origin,
      maxRetries: 0,
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('resolves only for a validly signed S or PAYMENT_IN_PROCESS (unsigned allowed: Antom lets U through unsigned), otherwise rejects with an AntomError', async () => {
    const tally = { runs: 0, resolved: 0, rejected: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        current = a;
        tally.runs++;
        const result = parsedResult(a.body);
        const inProcess = result?.resultStatus === 'U' && result.resultCode === 'PAYMENT_IN_PROCESS';
        const shouldResolve =
          a.status === 200 &&
          typeof result?.resultCode === 'string' &&
          ((a.signing === 'valid' && (result.resultStatus === 'S' || inProcess)) ||
            (a.signing === 'none' && inProcess));
        try {
          const response = await client.payments.pay({ paymentRequestId: 'pay_1' } as never);
          tally.resolved++;
          expect(shouldResolve, `resolved for ${a.signing} ${a.status} ${a.body.toString().slice(0, 120)}`).toBe(true);
          expect(response.result.resultStatus).toBe(result!.resultStatus);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(AntomError);
          const e = error as AntomError;
          tally.rejected.set(e.constructor.name, (tally.rejected.get(e.constructor.name) ?? 0) + 1);
          expect(shouldResolve, `rejected (${e.code}: ${e.message}) for a valid answer`).toBe(false);
        }
      }),
      { numRuns: process.env.SOAK ? 3000 : 250 },
    );
    console.log(
      `[properties] client: ${tally.runs} arbitrary answers; resolved ${tally.resolved}; rejected ${JSON.stringify(Object.fromEntries(tally.rejected))}`,
    );
  });
});
