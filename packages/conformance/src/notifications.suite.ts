import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK, type Keys, keyPair, paymentResult, send, signedHeaders } from './antom';
import type { AdapterUnderTest, BodyMode, MountMode, NotificationSetup, RunningApp } from './types';

const CLIENT_ID = 'CONFORMANCE_CLIENT';
/** Small enough to test quickly, big enough for any real notification. */
export const SUITE_MAX_BODY_BYTES = 16 * 1024;

interface Plan {
  failures?: number;
  gate?: Promise<void>;
  entered?: () => void;
}

/** The app under test plus what its handler saw; one per describe block. */
class Fixture {
  readonly calls: string[] = [];
  readonly plans = new Map<string, Plan>();
  app!: RunningApp;
  path = '';

  constructor(readonly keys: Keys) {}

  async start(adapter: AdapterUnderTest, setup: Omit<NotificationSetup, 'handlers' | 'receiver'>, extra = {}) {
    this.path = setup.prefix + setup.path;
    this.app = await adapter.startNotifications({
      ...setup,
      receiver: {
        clientId: CLIENT_ID,
        antomPublicKey: this.keys.publicKeyBase64,
        maxBodyBytes: SUITE_MAX_BODY_BYTES,
        logger: false,
        ...extra,
      },
      handlers: { PAYMENT_RESULT: (n) => this.#handle(n) },
    });
  }

  async #handle(notification: { paymentRequestId: string }): Promise<void> {
    const id = notification.paymentRequestId;
    const plan = this.plans.get(id);
    plan?.entered?.();
    if (plan?.gate) await plan.gate;
    if (plan?.failures) {
      plan.failures -= 1;
      this.calls.push(`${id}:failed`);
      throw new Error('handler failed on purpose (conformance suite)');
    }
    this.calls.push(id);
  }

  handled(id: string): number {
    return this.calls.filter((c) => c === id).length;
  }

  ran(id: string): number {
    return this.calls.filter((c) => c === id || c === `${id}:failed`).length;
  }

  /** Signed for `signPath` (default: where it is sent), sent to `sendPath` (default: the endpoint). */
  notify(
    body: string,
    opts: {
      signPath?: string;
      sendPath?: string;
      headers?: Record<string, string>;
      keys?: Keys;
      clientId?: string;
    } = {},
  ) {
    const sendPath = opts.sendPath ?? this.path;
    const headers = {
      ...signedHeaders({
        path: opts.signPath ?? sendPath,
        clientId: opts.clientId ?? CLIENT_ID,
        body,
        privateKey: (opts.keys ?? this.keys).privateKeyObject,
      }),
      ...opts.headers,
    };
    return { url: this.app.url + sendPath, headers, body };
  }
}

function idOf(body: string): string {
  return (JSON.parse(body) as { paymentRequestId: string }).paymentRequestId;
}

function expectAck(reply: { status: number; headers: Record<string, unknown>; body: string }) {
  expect(reply.status).toBe(200);
  expect(String(reply.headers['content-type'])).toMatch(/^application\/json/);
  expect(reply.body).toBe(ACK);
}

function expectRejected(reply: { status: number; body: string }, status?: number) {
  if (status) expect(reply.status).toBe(status);
  else expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.body).not.toBe(ACK);
}

export function describeNotificationCases(
  adapter: AdapterUnderTest,
  body: BodyMode,
  mount: MountMode,
  keys: () => Keys,
) {
  describe(`notifications (${body}, ${mount})`, () => {
    let f: Fixture;
    let other: Keys;
    beforeAll(async () => {
      f = new Fixture(keys());
      other = keyPair();
      await f.start(adapter, {
        body,
        mount,
        prefix: mount === 'prefix' ? '/hooks' : '',
        path: mount === 'prefix' ? '/antom' : '/antom/notifications',
      });
    });
    afterAll(() => f?.app.close());

    it('acks a valid notification with the exact bytes, after the handler ran once', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n);
      expectAck(await send(url, { headers, body: n }));
      expect(f.handled(idOf(n))).toBe(1);
    });

    it('keeps the exact bytes: whitespace, key order, escapes and non-ASCII survive', async () => {
      const id = `pr_bytes_${Date.now()}`;
      const n = `{ "notifyType":"PAYMENT_RESULT",\n  "paymentRequestId":"${id}", "paymentId":"p\\/${id}", "result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"成功 \\u2028"},"paymentAmount":{"value":"1","currency":"JPY"} }`;
      const { url, headers } = f.notify(n);
      expectAck(await send(url, { headers, body: Buffer.from(n, 'utf8') }));
      expect(f.handled(id)).toBe(1);
    });

    it('rejects a signature from another key (401), running no handler', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n, { keys: other });
      expectRejected(await send(url, { headers, body: n }), 401);
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('rejects a client-id that is not ours, running no handler', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n, { clientId: 'SOMEONE_ELSE' });
      expectRejected(await send(url, { headers, body: n }));
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('rejects an edited body (401)', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n);
      const edited = n.replace('"value":"1000"', '"value":"9000"');
      expect(edited).not.toBe(n);
      expectRejected(await send(url, { headers, body: edited }), 401);
      expect(f.ran(idOf(n))).toBe(0);
    });

    for (const missing of ['signature', 'request-time', 'client-id']) {
      it(`rejects a request without the ${missing} header`, async () => {
        const n = paymentResult();
        const { url, headers } = f.notify(n);
        delete headers[missing];
        expectRejected(await send(url, { headers, body: n }));
        expect(f.ran(idOf(n))).toBe(0);
      });
    }

    it('rejects a signature made for another path (401)', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n, { signPath: '/somewhere/else' });
      expectRejected(await send(url, { headers, body: n }), 401);
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('verifies against the full original path with its query string', async () => {
      const n = paymentResult();
      const withQuery = `${f.path}?tenant=a%20b&x=1`;
      const good = f.notify(n, { sendPath: withQuery });
      expectAck(await send(good.url, { headers: good.headers, body: n }));
      const n2 = paymentResult();
      const bad = f.notify(n2, { sendPath: withQuery, signPath: f.path });
      expectRejected(await send(bad.url, { headers: bad.headers, body: n2 }), 401);
      expect(f.handled(idOf(n))).toBe(1);
      expect(f.ran(idOf(n2))).toBe(0);
    });

    it('answers 413 to a body over the limit (declared length), running no handler', async () => {
      const n = paymentResult({ padding: 'x'.repeat(SUITE_MAX_BODY_BYTES) });
      const { url, headers } = f.notify(n);
      expectRejected(await send(url, { headers, body: n }), 413);
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('answers 413 to a chunked body over the limit', async () => {
      const n = paymentResult({ padding: 'y'.repeat(SUITE_MAX_BODY_BYTES * 4) });
      const { url, headers } = f.notify(n);
      const chunks = Readable.from(
        Array.from({ length: Math.ceil(n.length / 1024) }, (_, i) => Buffer.from(n.slice(i * 1024, (i + 1) * 1024))),
      );
      expectRejected(await send(url, { headers, body: chunks }), 413);
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('answers 400 to a validly signed body that is not JSON', async () => {
      const n = 'paymentRequestId=pr_form&notifyType=PAYMENT_RESULT';
      const { url, headers } = f.notify(n);
      const before = f.calls.length;
      expectRejected(await send(url, { headers, body: n }), 400);
      expect(f.calls.length).toBe(before);
    });

    it('does not handle another method', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n);
      expectRejected(await send(url, { method: 'GET', headers: { ...headers, 'content-type': 'text/plain' } }));
      expectRejected(await send(url, { method: 'PUT', headers, body: n }));
      expect(f.ran(idOf(n))).toBe(0);
    });

    it('answers 500 without an ack when the handler throws, then acks the retry', async () => {
      const n = paymentResult();
      const id = idOf(n);
      f.plans.set(id, { failures: 1 });
      const first = f.notify(n);
      const failed = await send(first.url, { headers: first.headers, body: n });
      expectRejected(failed, 500);
      expect(f.calls).toContain(`${id}:failed`);
      expectAck(await send(first.url, { headers: first.headers, body: n }));
      expect(f.handled(id)).toBe(1);
    });

    it('runs the handler once for a duplicate and acks both', async () => {
      const n = paymentResult();
      const a = f.notify(n);
      expectAck(await send(a.url, { headers: a.headers, body: n }));
      const b = f.notify(n);
      expectAck(await send(b.url, { headers: b.headers, body: n }));
      expect(f.handled(idOf(n))).toBe(1);
    });

    it('runs the handler once for concurrent copies and never acks before it finished', async () => {
      const n = paymentResult();
      const id = idOf(n);
      let release!: () => void;
      let entered!: () => void;
      const inHandler = new Promise<void>((resolve) => {
        entered = resolve;
      });
      f.plans.set(id, { gate: new Promise((resolve) => (release = resolve)), entered });
      const replies = Array.from({ length: 3 }, () => {
        const r = f.notify(n);
        return send(r.url, { headers: r.headers, body: n });
      });
      await inHandler;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const releasedAt = performance.now();
      release();
      const settled = await Promise.all(replies);
      for (const reply of settled) {
        if (reply.body === ACK) expect(reply.receivedAt).toBeGreaterThanOrEqual(releasedAt);
        else expect(reply.status).toBeGreaterThanOrEqual(400);
      }
      expect(settled.some((r) => r.body === ACK)).toBe(true);
      expect(f.ran(id)).toBe(1);
      const again = f.notify(n);
      expectAck(await send(again.url, { headers: again.headers, body: n }));
      expect(f.ran(id)).toBe(1);
    });
  });
}

export function describeParsedBodyMisuse(adapter: AdapterUnderTest, keys: () => Keys) {
  describe('notifications after a JSON parser that kept no raw bytes', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = new Fixture(keys());
      await f.start(adapter, { body: 'parsed', mount: 'route', prefix: '', path: '/antom/notifications' });
    });
    afterAll(() => f?.app.close());

    it('fails loudly with BODY_ALREADY_PARSED naming the fix, never acks and runs no handler', async () => {
      const n = paymentResult();
      const { url, headers } = f.notify(n);
      const reply = await send(url, { headers, body: n });
      expectRejected(reply, 500);
      expect(f.ran(idOf(n))).toBe(0);
      const error = f.app.errors.find((e) => (e as { code?: string }).code === 'BODY_ALREADY_PARSED') as Error;
      expect(error, 'an error with code BODY_ALREADY_PARSED reached the framework').toBeDefined();
      for (const fix of adapter.parsedBodyFix) expect(error.message).toContain(fix);
    });
  });
}

export function describePublicPath(adapter: AdapterUnderTest, keys: () => Keys) {
  describe('notifications behind a proxy that rewrites the path (publicPath)', () => {
    let f: Fixture;
    const publicPath = '/shop/antom/notifications';
    beforeAll(async () => {
      f = new Fixture(keys());
      await f.start(
        adapter,
        { body: 'stream', mount: 'route', prefix: '', path: '/antom/notifications' },
        { publicPath },
      );
    });
    afterAll(() => f?.app.close());

    it('verifies against the public path Antom called, not the rewritten one', async () => {
      const n = paymentResult();
      const good = f.notify(n, { signPath: publicPath });
      expectAck(await send(good.url, { headers: good.headers, body: n }));
      const n2 = paymentResult();
      const bad = f.notify(n2);
      expectRejected(await send(bad.url, { headers: bad.headers, body: n2 }), 401);
      expect(f.handled(idOf(n))).toBe(1);
      expect(f.ran(idOf(n2))).toBe(0);
    });
  });
}
