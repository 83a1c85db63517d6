import { describe, expect, it } from 'vitest';
import { AntomConfigError } from '../errors';
import { generateTestKeyPair, notificationFixtures, signNotification } from '../testing';
import {
  ANTOM_ACK_BODY,
  ANTOM_ACK_BYTES,
  type AntomNotification,
  createNotificationReceiver,
  DEFAULT_MAX_BODY_BYTES,
  type DedupeStore,
  MemoryDedupeStore,
  NOTIFICATION_KINDS,
  type NotificationInput,
  type NotificationLogger,
  type NotificationReceiverOptions,
} from './index';

const antom = generateTestKeyPair();
const stranger = generateTestKeyPair();
const clientId = 'SANDBOX_5YBZ1B2ZZJ0C01234';
const path = '/antom/notifications?shop=1';

function collectingLogger() {
  const lines: string[] = [];
  const logger: NotificationLogger = {
    info: (m, d) => lines.push(`info ${m} ${JSON.stringify(d ?? {})}`),
    warn: (m, d) => lines.push(`warn ${m} ${JSON.stringify(d ?? {})}`),
    error: (m, d) =>
      lines.push(`error ${m} ${JSON.stringify(d ?? {}, (_k, v) => (v instanceof Error ? v.message : v))}`),
  };
  return { lines, logger };
}

function receiverWith(options: Partial<NotificationReceiverOptions> = {}) {
  const { lines, logger } = collectingLogger();
  const receiver = createNotificationReceiver({ clientId, antomPublicKey: antom.publicKey, logger, ...options });
  return { receiver, lines };
}

function signed(body: object | string, overrides: { path?: string; privateKey?: string; keyVersion?: string } = {}) {
  const s = signNotification({
    path: overrides.path ?? path,
    clientId,
    body,
    privateKey: overrides.privateKey ?? antom.privateKey,
    ...(overrides.keyVersion ? { keyVersion: overrides.keyVersion } : {}),
  });
  return { method: 'POST', path, headers: s.headers, rawBody: Buffer.from(s.body) } satisfies NotificationInput;
}

describe('createNotificationReceiver: dispatch by kind', () => {
  it.each(NOTIFICATION_KINDS)('%s reaches its own handler with the body and its kind', async (kind) => {
    const { receiver } = receiverWith();
    const seen: AntomNotification[] = [];
    for (const k of NOTIFICATION_KINDS) {
      receiver.on(k, (n) => {
        if (k !== kind) throw new Error(`wrong handler ${k}`);
        seen.push(n);
      });
    }
    const body = notificationFixtures[kind]();
    const reply = await receiver.receive(signed(body));
    expect(reply).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: ANTOM_ACK_BODY });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kind).toBe(kind);
    expect(seen[0]).toMatchObject(body);
  });

  it('answers exactly the ack bytes Antom expects', async () => {
    const { receiver } = receiverWith();
    receiver.on('PAYMENT_RESULT', () => {});
    const reply = await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT()));
    expect(Buffer.from(reply.body, 'utf8').equals(Buffer.from(ANTOM_ACK_BYTES))).toBe(true);
    expect(Buffer.from(reply.body).toString('hex')).toBe(
      Buffer.from('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}').toString('hex'),
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
  });

  it("passes the dedupe key and the exact raw body to the handler's context", async () => {
    const { receiver } = receiverWith();
    const contexts: { dedupeKey: string; rawBody: string }[] = [];
    receiver.on('REFUND_RESULT', (_n, ctx) => {
      contexts.push(ctx);
    });
    const text = `{ "notifyType": "REFUND_RESULT", "refundId": "R1", "refundRequestId": "rr1", "refundStatus": "SUCCESS",\n "result": {"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"ok"} }`;
    expect((await receiver.receive(signed(text))).status).toBe(200);
    expect(contexts).toEqual([{ dedupeKey: 'REFUND_RESULT:R1:SUCCESS', rawBody: text }]);
  });

  it("'*' catches kinds without their own handler; own handlers win", async () => {
    const { receiver } = receiverWith();
    const calls: string[] = [];
    receiver.on('PAYMENT_RESULT', () => void calls.push('payment')).on('*', (n) => void calls.push(`* ${n.kind}`));
    await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT()));
    await receiver.receive(signed(notificationFixtures.DISPUTE_CREATED()));
    await receiver.receive(signed(notificationFixtures.UNKNOWN({ notifyType: 'BRAND_NEW' })));
    expect(calls).toEqual(['payment', '* DISPUTE_CREATED', '* UNKNOWN']);
  });

  it('gives an unknown kind its type value in `type`', async () => {
    const { receiver } = receiverWith();
    const seen: AntomNotification[] = [];
    receiver.on('UNKNOWN', (n) => void seen.push(n));
    await receiver.receive(signed({ notifyType: 'BRAND_NEW', id: '1' }));
    expect(seen[0]).toMatchObject({ kind: 'UNKNOWN', type: 'BRAND_NEW', notifyType: 'BRAND_NEW' });
  });

  it('acks and logs a kind nobody handles', async () => {
    const { receiver, lines } = receiverWith();
    const reply = await receiver.receive(signed(notificationFixtures.CAPTURE_RESULT()));
    expect(reply.body).toBe(ANTOM_ACK_BODY);
    expect(lines.join('\n')).toMatch(/CAPTURE_RESULT has no handler; acknowledged/);
  });

  it('lets onUnhandled refuse (no ack), or ack by returning nothing', async () => {
    const unhandled: string[] = [];
    const { receiver } = receiverWith({
      onUnhandled: (n) => {
        unhandled.push(n.kind);
        return n.kind === 'CAPTURE_RESULT' ? { status: 503, headers: {}, body: 'later' } : undefined;
      },
    });
    expect(await receiver.receive(signed(notificationFixtures.CAPTURE_RESULT()))).toEqual({
      status: 503,
      headers: {},
      body: 'later',
    });
    expect((await receiver.receive(signed(notificationFixtures.REFUND_RESULT()))).body).toBe(ANTOM_ACK_BODY);
    expect(unhandled).toEqual(['CAPTURE_RESULT', 'REFUND_RESULT']);
  });

  it('refuses a second handler for one kind, unknown kinds and bad options', () => {
    const { receiver } = receiverWith();
    receiver.on('PAYMENT_RESULT', () => {});
    expect(() => receiver.on('PAYMENT_RESULT', () => {})).toThrow(
      expect.objectContaining({ code: 'NOTIFICATION_HANDLER_DUPLICATE' }),
    );
    expect(() => receiver.on('PAYMENT_SOMETHING' as never, () => {})).toThrow(AntomConfigError);
    expect(() => createNotificationReceiver({ clientId: '', antomPublicKey: antom.publicKey })).toThrow(
      expect.objectContaining({ code: 'CLIENT_ID_MISSING' }),
    );
    expect(() => createNotificationReceiver({ clientId, antomPublicKey: antom.privateKey })).toThrow(
      expect.objectContaining({ code: 'KEY_TYPE' }),
    );
    expect(() => createNotificationReceiver({ clientId, antomPublicKey: antom.publicKey, maxBodyBytes: 0 })).toThrow(
      expect.objectContaining({ code: 'MAX_BODY_BYTES_INVALID' }),
    );
  });
});

describe('createNotificationReceiver: rejections run no handler', () => {
  const body = notificationFixtures.PAYMENT_RESULT();
  const good = signed(body);
  const withHeaders = (headers: NotificationInput['headers']): NotificationInput => ({ ...good, headers });
  const { 'client-id': _c, ...noClientId } = good.headers;
  const { 'request-time': _t, ...noTime } = good.headers;
  const { signature: _s, ...noSignature } = good.headers;

  const cases: [string, () => NotificationInput, number, RegExp][] = [
    ['signed with another key', () => signed(body, { privateKey: stranger.privateKey }), 401, /does not verify/],
    ['signed for another path', () => signed(body, { path: '/antom/notifications' }), 401, /does not verify/],
    ['query string dropped', () => ({ ...good, path: '/antom/notifications' }), 401, /does not verify/],
    [
      'another client id',
      () => withHeaders({ ...good.headers, 'client-id': 'SOMEONE_ELSE' }),
      401,
      /not this receiver's client id/,
    ],
    [
      'edited body',
      () => ({ ...good, rawBody: Buffer.from(good.rawBody.toString().replace('"1000"', '"1"')) }),
      401,
      /does not verify/,
    ],
    ['missing client-id', () => withHeaders(noClientId), 401, /missing header\(s\): client-id/],
    ['missing request-time', () => withHeaders(noTime), 401, /missing header\(s\): request-time/],
    ['missing signature', () => withHeaders(noSignature), 401, /missing header\(s\): signature/],
    [
      'duplicated signature header',
      () =>
        withHeaders({
          ...good.headers,
          signature: [good.headers.signature, signed(body, { privateKey: stranger.privateKey }).headers.signature],
        }),
      401,
      /signature header appears 2 times/,
    ],
    [
      'duplicated client-id in two cases',
      () => withHeaders({ ...good.headers, 'Client-Id': 'OTHER' }),
      401,
      /client-id header appears 2 times/,
    ],
    [
      'garbage signature header',
      () => withHeaders({ ...good.headers, signature: 'algorithm=RSA256,keyVersion=1,signature=%%%' }),
      401,
      /not valid percent-encoding/,
    ],
    ['wrong method', () => ({ ...good, method: 'GET' }), 405, /method GET is not POST/],
    ['oversize body', () => signed({ ...body, padding: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) }), 413, /over maxBodyBytes/],
    ['non-JSON body', () => signed('notifyType=PAYMENT_RESULT'), 400, /not JSON/],
    ['a JSON array', () => signed('[{"notifyType":"PAYMENT_RESULT"}]'), 400, /not a JSON object/],
    ['JSON null', () => signed('null'), 400, /not a JSON object/],
  ];

  it.each(cases)('%s', async (_name, input, status, reason) => {
    const { receiver, lines } = receiverWith();
    let calls = 0;
    receiver.on('*', () => void calls++);
    const verified = await receiver.verify(input());
    expect(verified.ok).toBe(false);
    const reply = await receiver.receive(input());
    expect(reply.status).toBe(status);
    expect(reply.body).not.toContain('SUCCESS');
    expect(reply.body.length).toBeLessThan(40);
    expect(JSON.parse(reply.body)).toHaveProperty('error');
    expect(calls).toBe(0);
    expect(lines.join('\n')).toMatch(reason);
  });

  it('refuses invalid UTF-8 even with a valid signature over those bytes', async () => {
    const { receiver, lines } = receiverWith();
    let calls = 0;
    receiver.on('*', () => void calls++);
    const bytes = Buffer.concat([
      Buffer.from('{"notifyType":"PAYMENT_RESULT","x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const s = signNotification({ path, clientId, body: 'x', privateKey: antom.privateKey });
    const { signRequest } = await import('../signature');
    const signature = signRequest({
      path,
      clientId,
      time: s.headers['request-time'],
      body: bytes,
      privateKey: antom.privateKey,
    });
    const reply = await receiver.receive({
      method: 'POST',
      path,
      headers: { ...s.headers, signature },
      rawBody: bytes,
    });
    expect(reply.status).toBe(400);
    expect(calls).toBe(0);
    expect(lines.join('\n')).toMatch(/not valid UTF-8/);
  });

  it('refuses a signed body with __proto__ or constructor keys (400, no handler, nothing polluted)', async () => {
    const { receiver, lines } = receiverWith();
    let calls = 0;
    receiver.on('*', () => void calls++);
    for (const text of [
      `{"notifyType":"PAYMENT_RESULT","paymentRequestId":"p","__proto__":{"polluted":true},"result":{"resultStatus":"S"}}`,
      `{"notifyType":"PAYMENT_RESULT","paymentRequestId":"p","a":{"constructor":{"prototype":{"polluted":true}}}}`,
      `{"notifyType":"PAYMENT_RESULT","paymentRequestId":"p","\\u005f_proto__":{"polluted":true}}`,
    ]) {
      expect((await receiver.receive(signed(text))).status).toBe(400);
    }
    expect(calls).toBe(0);
    expect(lines.join('\n')).toMatch(/__proto__, constructor or prototype key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('picks the key by keyVersion and refuses an unknown keyVersion', async () => {
    const { receiver, lines } = receiverWith({ antomPublicKey: { '1': stranger.publicKey, '2': antom.publicKey } });
    let calls = 0;
    receiver.on('*', () => void calls++);
    expect((await receiver.receive(signed(body, { keyVersion: '2' }))).status).toBe(200);
    expect((await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT(), { keyVersion: '1' }))).status).toBe(
      401,
    );
    const unknown = await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT(), { keyVersion: '7' }));
    expect(unknown.status).toBe(401);
    expect(calls).toBe(1);
    expect(lines.join('\n')).toMatch(/no Antom public key for keyVersion "7"/);
  });

  it('verifies against publicPath when a proxy rewrote the path', async () => {
    const { receiver } = receiverWith({ publicPath: '/public/antom' });
    receiver.on('*', () => {});
    const input = { ...signed(body, { path: '/public/antom' }), path: '/internal/notify' };
    expect((await receiver.receive(input)).status).toBe(200);
    expect((await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT()))).status).toBe(401);
  });

  it('accepts headers in any case, as a Headers object, and a body as string or Uint8Array', async () => {
    const { receiver } = receiverWith();
    receiver.on('*', () => {});
    const s = signed(notificationFixtures.PAYMENT_RESULT());
    const upper = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect((await receiver.receive({ ...s, headers: upper })).status).toBe(200);
    const s2 = signed(notificationFixtures.PAYMENT_RESULT());
    expect(
      (await receiver.receive({ ...s2, headers: new Headers(s2.headers), rawBody: s2.rawBody.toString() })).status,
    ).toBe(200);
    const s3 = signed(notificationFixtures.PAYMENT_RESULT());
    expect((await receiver.receive({ ...s3, rawBody: new Uint8Array(s3.rawBody) })).status).toBe(200);
    const s4 = signed(notificationFixtures.PAYMENT_RESULT());
    const repeated = { ...s4.headers, signature: [s4.headers.signature, s4.headers.signature] };
    expect((await receiver.receive({ ...s4, headers: repeated })).status).toBe(200);
  });

  it('never logs a full signature or key material', async () => {
    const { receiver, lines } = receiverWith();
    receiver.on('*', () => {});
    const forged = signed(body, { privateKey: stranger.privateKey });
    await receiver.receive(forged);
    const fullSignature = decodeURIComponent(forged.headers.signature.split('signature=')[1]!);
    const log = lines.join('\n');
    expect(log).toMatch(/signature \S{8}…\(344 chars\)/);
    expect(log).not.toContain(fullSignature);
    expect(log).not.toContain(antom.publicKeyBase64.slice(40, 80));
  });
});

describe('createNotificationReceiver: exactly once', () => {
  it('answers 500 without an ack when the handler throws, then runs it again on the retry', async () => {
    const { receiver, lines } = receiverWith();
    let attempts = 0;
    receiver.on('PAYMENT_RESULT', () => {
      attempts++;
      if (attempts === 1) throw new Error('database down');
    });
    const input = signed(notificationFixtures.PAYMENT_RESULT());
    const first = await receiver.receive(input);
    expect(first.status).toBe(500);
    expect(first.body).not.toContain('SUCCESS');
    expect(lines.join('\n')).toMatch(/handler for PAYMENT_RESULT failed; answered 500.*database down/);
    const retry = await receiver.receive(input);
    expect(retry.body).toBe(ANTOM_ACK_BODY);
    expect(attempts).toBe(2);
  });

  it('acks a duplicate of a handled notification without running the handler again', async () => {
    const { receiver } = receiverWith();
    let calls = 0;
    receiver.on('REFUND_RESULT', () => void calls++);
    const body = notificationFixtures.REFUND_RESULT();
    expect((await receiver.receive(signed(body))).body).toBe(ANTOM_ACK_BODY);
    // A retry is signed again with a new request-time; the same event still runs once.
    expect((await receiver.receive(signed(body))).body).toBe(ANTOM_ACK_BODY);
    expect((await receiver.receive(signed(body))).body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(1);
  });

  it('runs the handler once for concurrent copies, and acks none of them before it finished', async () => {
    const { receiver } = receiverWith();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.on('PAYMENT_RESULT', async () => {
      calls++;
      await gate;
    });
    const body = notificationFixtures.PAYMENT_RESULT();
    const settled: number[] = [];
    const replies = Array.from({ length: 5 }, () =>
      receiver.receive(signed(body)).then((r) => {
        settled.push(r.status);
        return r;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toEqual([]);
    release();
    for (const reply of await Promise.all(replies)) expect(reply.body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(1);
  });

  it('answers concurrent copies 500 when the one running fails, and the retry runs it', async () => {
    const { receiver } = receiverWith();
    let calls = 0;
    receiver.on('PAYMENT_RESULT', async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (calls === 1) throw new Error('first fails');
    });
    const body = notificationFixtures.PAYMENT_RESULT();
    const replies = await Promise.all([receiver.receive(signed(body)), receiver.receive(signed(body))]);
    expect(replies.map((r) => r.status)).toEqual([500, 500]);
    expect((await receiver.receive(signed(body))).body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(2);
  });

  it('answers 409 (no ack) while another instance holds the claim, then acks once it completed', async () => {
    const shared = new MemoryDedupeStore();
    const a = receiverWith({ dedupe: shared }).receiver;
    const b = receiverWith({ dedupe: shared }).receiver;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    a.on('PAYMENT_RESULT', async () => {
      calls++;
      await gate;
    });
    b.on('PAYMENT_RESULT', () => void calls++);
    const body = notificationFixtures.PAYMENT_RESULT();
    const first = a.receive(signed(body));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const busy = await b.receive(signed(body));
    expect(busy.status).toBe(409);
    expect(busy.body).not.toContain('SUCCESS');
    release();
    expect((await first).body).toBe(ANTOM_ACK_BODY);
    expect((await b.receive(signed(body))).body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(1);
  });

  it('completes with the TTL and claims with the lease it was given, and uses a custom dedupeKey', async () => {
    const calls: string[] = [];
    const inner = new MemoryDedupeStore();
    const store: DedupeStore = {
      claim(key, leaseMs) {
        calls.push(`claim ${key} ${leaseMs}`);
        return inner.claim(key, leaseMs);
      },
      complete(key, ttlMs) {
        calls.push(`complete ${key} ${ttlMs}`);
        return inner.complete(key, ttlMs);
      },
      release(key) {
        calls.push(`release ${key}`);
        return inner.release(key);
      },
    };
    const { receiver } = receiverWith({
      dedupe: store,
      leaseMs: 5_000,
      dedupeTtlMs: 1_000,
      dedupeKey: (n) => (n.kind === 'PAYMENT_RESULT' ? `order:${n.paymentRequestId}` : undefined),
    });
    receiver
      .on('PAYMENT_RESULT', () => {})
      .on('REFUND_RESULT', () => {
        throw new Error('no');
      });
    await receiver.receive(signed(notificationFixtures.PAYMENT_RESULT({ paymentRequestId: 'o-1' })));
    await receiver.receive(signed(notificationFixtures.REFUND_RESULT({ refundId: 'rf-1', refundStatus: 'SUCCESS' })));
    expect(calls).toEqual([
      'claim order:o-1 5000',
      'complete order:o-1 1000',
      'claim REFUND_RESULT:rf-1:SUCCESS 5000',
      'release REFUND_RESULT:rf-1:SUCCESS',
    ]);
  });

  it('answers 503 when the store cannot claim, and still acks when only complete fails', async () => {
    const failing: DedupeStore = {
      claim: async () => {
        throw new Error('redis down');
      },
      complete: async () => {},
      release: async () => {},
    };
    const a = receiverWith({ dedupe: failing });
    let calls = 0;
    a.receiver.on('*', () => void calls++);
    expect((await a.receiver.receive(signed(notificationFixtures.PAYMENT_RESULT()))).status).toBe(503);
    expect(calls).toBe(0);
    const flaky: DedupeStore = {
      ...new MemoryDedupeStore(),
      claim: async () => 'claimed',
      complete: async () => {
        throw new Error('write failed');
      },
      release: async () => {},
    };
    const b = receiverWith({ dedupe: flaky });
    b.receiver.on('*', () => void calls++);
    expect((await b.receiver.receive(signed(notificationFixtures.PAYMENT_RESULT()))).body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(1);
    expect(b.lines.join('\n')).toMatch(/complete failed/);
  });
});

describe('verify and dispatch as two steps (for adapters)', () => {
  it('verify returns the typed notification with its kind and dedupe key, dispatch runs it', async () => {
    const { receiver } = receiverWith();
    let calls = 0;
    receiver.on('DISPUTE_JUDGED', (n) => {
      calls++;
      expect(n.disputeJudgedResult).toBe('ACCEPT_BY_MERCHANT');
    });
    const body = notificationFixtures.DISPUTE_JUDGED({ disputeId: 'd-9', disputeJudgedResult: 'ACCEPT_BY_MERCHANT' });
    const verified = await receiver.verify(signed(body));
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.kind).toBe('DISPUTE_JUDGED');
    expect(verified.notification.kind).toBe('DISPUTE_JUDGED');
    expect(verified.dedupeKey).toBe('DISPUTE_JUDGED:d-9:ACCEPT_BY_MERCHANT');
    expect(calls).toBe(0);
    expect((await receiver.dispatch(verified)).body).toBe(ANTOM_ACK_BODY);
    expect((await receiver.dispatch(verified)).body).toBe(ANTOM_ACK_BODY);
    expect(calls).toBe(1);
  });

  it('exposes maxBodyBytes and clientId for adapters that read the body themselves', () => {
    const { receiver } = receiverWith({ maxBodyBytes: 1024 });
    expect(receiver.maxBodyBytes).toBe(1024);
    expect(receiver.clientId).toBe(clientId);
    expect(receiverWith().receiver.maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
  });
});
