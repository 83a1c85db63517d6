import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestBody } from '../body';
import { AntomConfigError } from '../errors';
import {
  createPaymentRoutes,
  type PaymentRouteName,
  type PaymentRouteRequest,
  type PaymentRoutesOptions,
  type PaymentStatusUpdate,
  type ResolvedOrder,
} from './index';
import { startTestAntom, type TestAntom } from './test-antom';

/** What an adapter would pass as its framework request: here a plain object the callbacks can see. */
interface Ctx {
  user?: string;
}

const order = (orderId: string, value: string, extra: Partial<ResolvedOrder> = {}): ResolvedOrder => ({
  orderId,
  amount: { currency: 'USD', value },
  description: `Order ${orderId}`,
  ...extra,
});

describe('createPaymentRoutes', () => {
  let antom: TestAntom;
  const updates: [PaymentStatusUpdate, Ctx][] = [];
  const orders = new Map(
    [
      order('o1', '4200'),
      order('a/b', '900'),
      order('risky', '11'),
      order('pending', '12'),
      order('offline', '13'),
    ].map((o) => [o.orderId, o]),
  );

  beforeAll(async () => {
    antom = await startTestAntom();
  });
  afterAll(() => antom.close());

  const routes = (overrides: Partial<PaymentRoutesOptions<Ctx>> = {}) =>
    createPaymentRoutes<Ctx>({
      client: antom.client,
      publicUrl: 'https://shop.example.com/',
      notifyPath: '/antom/notifications',
      resolveOrder: (orderId) => orders.get(orderId),
      onPaymentStatus: (update, ctx) => void updates.push([update, ctx]),
      authorizeRefund: (ctx) => (ctx.user ? ctx.user === 'admin' : 'unauthenticated'),
      ...overrides,
    });
  const request = (orderId: string, init: Partial<PaymentRouteRequest<Ctx>> = {}): PaymentRouteRequest<Ctx> => ({
    orderId,
    path: `/api/orders/${encodeURIComponent(orderId)}/checkout`,
    headers: { accept: 'application/json' },
    ctx: {},
    ...init,
  });
  const handle = (route: PaymentRouteName, orderId: string, init: Partial<PaymentRouteRequest<Ctx>> = {}) =>
    routes().handle(route, request(orderId, init));

  it('lists the routes to register, with the paths the app chose and without those it left out', () => {
    expect(routes().routes).toEqual([
      { name: 'checkout', method: 'POST', path: '/api/orders/:orderId/checkout' },
      { name: 'return', method: 'GET', path: '/orders/:orderId' },
      { name: 'status', method: 'GET', path: '/api/orders/:orderId/payment' },
      { name: 'refund', method: 'POST', path: '/api/orders/:orderId/refunds' },
    ]);
    const custom = routes({ paths: { checkout: '/pay/:orderId', status: false, refund: false } });
    expect(custom.routes.map((r) => r.path)).toEqual(['/pay/:orderId', '/orders/:orderId']);
  });

  it('pays the amount the server resolved, with signed calls and URLs under the base path that was called', async () => {
    const checkedOut: unknown[] = [];
    const reply = await routes({
      onCheckout: (o, result, ctx) => void checkedOut.push([o.orderId, result, ctx]),
    }).handle(
      'checkout',
      request('o1', {
        path: '/shop/v1/api/orders/o1/checkout/?amount=1',
        headers: { accept: 'application/json', 'user-agent': 'Browser/1.0' },
        ctx: { user: 'buyer' },
      }),
    );
    const result = { paymentRequestId: 'o1', redirectUrl: 'https://cashier.test/pay_o1', paymentId: 'pay_o1' };
    expect(reply).toEqual({ kind: 'json', status: 200, headers: {}, json: result });
    expect(checkedOut).toEqual([['o1', result, { user: 'buyer' }]]);
    const pay = antom.sent('/pay').at(-1)!;
    expect(pay).toMatchObject({
      paymentRequestId: 'o1',
      paymentAmount: { currency: 'USD', value: '4200' },
      order: { referenceOrderId: 'o1', orderAmount: { currency: 'USD', value: '4200' } },
      paymentMethod: { paymentMethodType: 'CARD' },
      paymentRedirectUrl: 'https://shop.example.com/shop/v1/orders/o1',
      paymentNotifyUrl: 'https://shop.example.com/antom/notifications',
      env: { terminalType: 'WEB', userAgent: 'Browser/1.0' },
    });
    expect(antom.gateway.requests.every((r) => r.signatureValid)).toBe(true);

    await handle('checkout', 'a/b', { path: '/api/orders/a%2Fb/checkout' });
    expect(antom.sent('/pay').at(-1)!.paymentRedirectUrl).toBe('https://shop.example.com/orders/a%2Fb');
  });

  it('redirects a browser form post with 303 to the cashier, reusing the payment request id', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '8' };
    expect(await handle('checkout', 'o1', { headers: form })).toEqual({
      kind: 'redirect',
      status: 303,
      location: 'https://cashier.test/pay_o1',
    });
    expect(
      new Set(
        antom
          .sent('/pay')
          .filter((p) => p.order.referenceOrderId === 'o1')
          .map((p) => p.paymentRequestId),
      ),
    ).toEqual(new Set(['o1']));
  });

  it("calls Antom with the request's own client: an ISV merchant's Agent-Token", async () => {
    await handle('status', 'o1', { client: antom.client.withAgentToken('merchant-7') });
    expect(antom.gateway.requests.at(-1)!.headers['agent-token']).toBe('merchant-7');
    await handle('status', 'o1');
    expect(antom.gateway.requests.at(-1)!.headers['agent-token']).toBeUndefined();
  });

  it("answers 404 for an unknown order, 422 with Antom's result code, 502 when Antom cannot be reached", async () => {
    expect(await handle('checkout', 'none')).toMatchObject({
      status: 404,
      json: { error: { code: 'ORDER_NOT_FOUND' } },
    });
    expect(await handle('checkout', 'risky')).toMatchObject({ status: 422, json: { error: { code: 'RISK_REJECT' } } });
    const offline = await handle('checkout', 'offline');
    expect(offline).toMatchObject({ kind: 'json', status: 502 });
    expect((offline as { json: { error: { code: string } } }).json.error.code).toMatch(/^[A-Z_]+$/);
  });

  it("throws the app's own errors and config errors for the framework's error handling", async () => {
    const down = new Error('database down');
    await expect(routes({ resolveOrder: () => Promise.reject(down) }).handle('status', request('o1'))).rejects.toBe(
      down,
    );
    const misconfigured = routes({
      buildRequest: () => {
        throw new AntomConfigError('OPTION_INVALID', 'bad request builder');
      },
    });
    await expect(misconfigured.handle('checkout', request('o1'))).rejects.toBeInstanceOf(AntomConfigError);
  });

  it('inquires on return and on polling, tells the app, and hands the order back for its page', async () => {
    const back = await handle('return', 'o1', { path: '/orders/o1', ctx: { user: 'buyer' } });
    expect(back).toMatchObject({
      kind: 'returned',
      result: {
        order: { orderId: 'o1' },
        update: {
          orderId: 'o1',
          paymentRequestId: 'o1',
          paymentId: 'pay_o1',
          paymentStatus: 'SUCCESS',
          source: 'return',
        },
      },
    });
    expect(updates.at(-1)).toEqual([expect.objectContaining({ source: 'return' }), { user: 'buyer' }]);
    expect(await handle('status', 'o1')).toEqual({
      kind: 'json',
      status: 200,
      headers: {},
      json: { orderId: 'o1', paymentRequestId: 'o1', paymentId: 'pay_o1', paymentStatus: 'SUCCESS' },
    });
    orders.set('new', order('new', '100'));
    expect(await handle('return', 'new')).toEqual({ kind: 'returned', result: { order: orders.get('new') } });
  });

  it('inquires about nothing before the app created an attempt', async () => {
    const before = antom.gateway.requests.length;
    const appIds = routes({ getOrCreatePaymentRequestId: () => 'never-used' });
    expect(await appIds.handle('status', request('o1'))).toMatchObject({
      json: { orderId: 'o1', paymentRequestId: null, paymentId: null, paymentStatus: null },
    });
    expect(antom.gateway.requests.length).toBe(before);
  });

  describe('refund', () => {
    let reads = 0;
    const body =
      (value: RequestBody) =>
      async (limit: number): Promise<RequestBody> => {
        reads += 1;
        expect(limit).toBe(16 * 1024);
        return value;
      };
    const refund = (ctx: Ctx, readBody?: PaymentRouteRequest<Ctx>['readBody'], orderId = 'o1') =>
      handle('refund', orderId, { ctx, ...(readBody ? { readBody } : {}) });
    const amount = (value: string, currency = 'USD') => body({ parsed: { amount: { currency, value } } });

    it("asks the app's authorisation first and reads no body when it refuses", async () => {
      const forbidden = routes({ authorizeRefund: () => 'forbidden' });
      expect(await refund({}, amount('100'))).toMatchObject({
        status: 401,
        json: { error: { code: 'UNAUTHENTICATED' } },
      });
      expect(await refund({ user: 'guest' }, amount('100'))).toMatchObject({ status: 403 });
      expect(await forbidden.handle('refund', request('o1', { readBody: amount('100') }))).toMatchObject({
        status: 403,
      });
      expect(reads).toBe(0);
    });

    it('refuses amounts over the order, in another currency or malformed, and bodies that are not JSON', async () => {
      const admin = { user: 'admin' };
      const code = async (readBody: PaymentRouteRequest<Ctx>['readBody']) => {
        const reply = (await refund(admin, readBody)) as { status: number; json: { error: { code: string } } };
        return [reply.status, reply.json.error.code];
      };
      expect(await code(amount('999999'))).toEqual([400, 'AMOUNT_INVALID']);
      expect(await code(amount('100', 'EUR'))).toEqual([400, 'AMOUNT_INVALID']);
      expect(await code(amount('1.5'))).toEqual([400, 'AMOUNT_INVALID']);
      expect(await code(body({ raw: 'amount=200' }))).toEqual([400, 'BODY_INVALID']);
      expect(await code(body({ raw: Buffer.alloc(16 * 1024 + 1, 32) }))).toEqual([413, 'BODY_TOO_LARGE']);
      const cut = await refund(admin, body({ raw: Buffer.alloc(16 * 1024 + 1), truncated: true }));
      expect(cut).toMatchObject({ status: 413, headers: { connection: 'close' } });
    });

    it('refunds the paid payment with the amount from the body or the whole order, and tells the app', async () => {
      const refunded: unknown[] = [];
      const allowed = routes({ onRefund: (o, answer, ctx) => void refunded.push([o.orderId, answer.refundId, ctx]) });
      const raw = body({ raw: Buffer.from(' {"amount":{"currency":"USD","value":"200"}} ') });
      const reply = await allowed.handle('refund', request('o1', { ctx: { user: 'admin' }, readBody: raw }));
      const sent = antom.sent('/refund').at(-1)!;
      expect(sent).toMatchObject({
        paymentId: 'pay_o1',
        refundAmount: { currency: 'USD', value: '200' },
        refundNotifyUrl: 'https://shop.example.com/antom/notifications',
      });
      const refundRequestId = sent.refundRequestId as string;
      expect(refundRequestId.startsWith('o1_refund_')).toBe(true);
      expect(reply).toEqual({
        kind: 'json',
        status: 202,
        headers: {},
        json: { refundRequestId, refundId: `rf_${refundRequestId}` },
      });
      expect(refunded).toEqual([['o1', `rf_${refundRequestId}`, { user: 'admin' }]]);
      await refund({ user: 'admin' });
      expect(antom.sent('/refund').at(-1)!.refundAmount).toEqual({ currency: 'USD', value: '4200' });
    });

    it("uses the app's refund plan, and refuses an order that is not paid yet", async () => {
      const planned = routes({
        prepareRefund: (o, input) => ({ refundRequestId: 'plan-1', amount: input.amount ?? o.amount }),
      });
      await planned.handle('refund', request('o1', { ctx: { user: 'admin' }, readBody: amount('5') }));
      expect(antom.sent('/refund').at(-1)).toMatchObject({ refundRequestId: 'plan-1', refundAmount: { value: '5' } });
      await handle('checkout', 'pending');
      expect(await refund({ user: 'admin' }, undefined, 'pending')).toMatchObject({
        status: 409,
        json: { error: { code: 'NOT_PAID' } },
      });
    });
  });

  it("creates a payment session in session mode, with the app's persisted id and request adjustments", async () => {
    const attempts = new Map<string, string>();
    const session = routes({
      mode: 'session',
      resolveOrder: (orderId) => ({
        ...order(orderId, '1250'),
        ...(attempts.has(orderId) ? { paymentRequestId: attempts.get(orderId)! } : {}),
      }),
      getOrCreatePaymentRequestId: (o) => {
        if (!attempts.has(o.orderId)) attempts.set(o.orderId, `${o.orderId}_attempt_1`);
        return attempts.get(o.orderId)!;
      },
      buildRequest: (r) => ({ ...r, env: { ...r.env, clientIp: '203.0.113.9' } }),
    });
    const reply = await session.handle('checkout', request('s1'));
    expect(reply).toMatchObject({
      json: {
        paymentRequestId: 's1_attempt_1',
        paymentSessionId: 'ps_pay_s1_attempt_1',
        paymentSessionData: 'data',
        redirectUrl: 'https://cashier.test/pay_s1_attempt_1',
      },
    });
    const sent = antom.sent('/createPaymentSession').at(-1)!;
    expect(sent.paymentMethod).toBeUndefined();
    expect(sent.env).toEqual({ terminalType: 'WEB', clientIp: '203.0.113.9' });
    expect(await session.handle('status', request('s1'))).toMatchObject({ json: { paymentRequestId: 's1_attempt_1' } });
  });

  it('refuses incomplete options with an AntomConfigError naming the option', () => {
    expect(() => routes({ publicUrl: 'shop.example.com/x' })).toThrow(AntomConfigError);
    expect(() => routes({ publicUrl: 'https://shop.example.com/path' })).toThrow(/publicUrl/);
    expect(() => routes({ notifyPath: 'antom' })).toThrow(/notifyPath/);
    expect(() => routes({ authorizeRefund: undefined as never })).toThrow(/authorizeRefund/);
    expect(() => routes({ client: undefined as never })).toThrow(/client/);
  });
});
