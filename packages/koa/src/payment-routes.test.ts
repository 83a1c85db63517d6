import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pressCashierButton, send } from '@antomkit/conformance';
import { AntomClient, AntomConfigError } from '@antomkit/core';
import { type Sandbox, startSandbox } from '@antomkit/sandbox';
import Router from '@koa/router';
import Koa from 'koa';
import mount from 'koa-mount';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antomClient, antomPaymentRoutes, type PaymentStatusUpdate, type ResolvedOrder } from './index';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

async function close(server: Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
}

/** A loopback pass-through in front of the sandbox that records the Agent-Token of every call. */
function recordingProxy(target: string, agentTokens: (string | undefined)[]): Server {
  return createServer((req, res) => {
    agentTokens.push(req.headers['agent-token'] as string | undefined);
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
}

describe('antomPaymentRoutes under koa-mount and a router prefix, against the local sandbox', () => {
  let sandbox: Sandbox;
  let client: AntomClient;
  let proxy: Server;
  let shop: Server;
  let url: string;
  const agentTokens: (string | undefined)[] = [];
  const updates: PaymentStatusUpdate[] = [];
  const orders = new Map<string, ResolvedOrder>([
    ['o1', { orderId: 'o1', amount: { currency: 'USD', value: '4200' }, description: 'Tea' }],
    ['o2', { orderId: 'o2', amount: { currency: 'USD', value: '900' }, description: 'Cup' }],
  ]);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeScale: 10_000 });
    proxy = recordingProxy(sandbox.url, agentTokens);
    const gateway = await listen(proxy);
    client = new AntomClient({ ...sandbox.clientOptions, gateway, maxRetries: 0 });
    const app = new Koa();
    // Listening first (the routes need the shop's URL as publicUrl); the middleware is composed per request.
    shop = createServer((req, res) => app.callback()(req, res));
    url = await listen(shop);

    const sub = new Koa();
    sub.use(antomClient({ client, agentToken: (ctx) => ctx.get('x-merchant') || undefined }));
    const payments = antomPaymentRoutes({
      client,
      router: new Router({ prefix: '/v1' }),
      agentToken: (ctx) => ctx.get('x-merchant') || undefined,
      publicUrl: url,
      notifyPath: '/antom/notifications',
      resolveOrder: (id) => orders.get(id),
      onPaymentStatus: (u) => {
        updates.push(u);
      },
      authorizeRefund: (ctx) =>
        ctx.get('authorization') ? ctx.get('authorization') === 'Bearer admin' : 'unauthenticated',
    });
    sub.use(payments.routes()).use(payments.allowedMethods());
    sub.use((ctx) => {
      if (ctx.path === '/whoami') {
        ctx.body = { view: ctx.state.antom !== client };
        return;
      }
      ctx.body = { page: ctx.path, status: ctx.state.antomPayment?.update?.paymentStatus ?? null };
    });
    app.use(mount('/shop', sub));
  });
  afterAll(async () => {
    await close(shop);
    await client?.close();
    await close(proxy);
    await sandbox?.close();
  });

  const post = (
    path: string,
    headers: Record<string, string> = {},
    body = '{"amount":{"currency":"USD","value":"1"}}',
  ) => send(url + path, { headers: { 'content-type': 'application/json', ...headers }, body });

  it('checks out the server amount, returns the buyer under the mount path and prefix, and hands on to the page', async () => {
    const reply = await post('/shop/v1/api/orders/o1/checkout');
    expect(reply.status).toBe(200);
    const { paymentRequestId, redirectUrl } = JSON.parse(reply.body) as {
      paymentRequestId: string;
      redirectUrl: string;
    };
    expect(paymentRequestId).toBe('o1');
    const inquiry = await client.payments.inquiryPayment({ paymentRequestId });
    expect(inquiry.paymentAmount).toEqual({ currency: 'USD', value: '4200' });

    const paid = await pressCashierButton(redirectUrl, 'cashier-pay');
    expect(paid.location).toBe(`${url}/shop/v1/orders/o1`);
    const page = await send(paid.location!, { method: 'GET' });
    expect(JSON.parse(page.body)).toEqual({ page: '/v1/orders/o1', status: 'SUCCESS' });
    expect(updates.at(-1)).toMatchObject({ orderId: 'o1', paymentRequestId: 'o1', source: 'return' });
    const poll = await send(`${url}/shop/v1/api/orders/o1/payment`, { method: 'GET' });
    expect(JSON.parse(poll.body)).toMatchObject({ orderId: 'o1', paymentStatus: 'SUCCESS' });
  });

  it('answers a form post with 303 to the cashier, and 404 for an unknown order', async () => {
    const form = await send(`${url}/shop/v1/api/orders/o2/checkout`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1',
    });
    expect(form.status).toBe(303);
    expect(String(form.headers.location).startsWith(sandbox.url)).toBe(true);
    expect((await post('/shop/v1/api/orders/none/checkout')).status).toBe(404);
  });

  it('sends the per-request Agent-Token through ctx.state.antom', async () => {
    await send(`${url}/shop/v1/api/orders/o2/payment`, { method: 'GET', headers: { 'x-merchant': 'merchant-7' } });
    expect(agentTokens.at(-1)).toBe('merchant-7');
    await send(`${url}/shop/v1/api/orders/o2/payment`, { method: 'GET' });
    expect(agentTokens.at(-1)).toBeUndefined();
    const who = await send(`${url}/shop/whoami`, { method: 'GET', headers: { 'x-merchant': 'merchant-8' } });
    expect(JSON.parse(who.body)).toEqual({ view: true });
  });

  it('reads the refund body itself when no parser ran: 401, 403, 400, 413, then 202', async () => {
    const path = '/shop/v1/api/orders/o1/refunds';
    const body = '{"amount":{"currency":"USD","value":"200"}}';
    expect((await post(path, {}, body)).status).toBe(401);
    expect((await post(path, { authorization: 'Bearer nope' }, body)).status).toBe(403);
    const admin = { authorization: 'Bearer admin' };
    expect((await post(path, admin, '{"amount":{"currency":"USD","value":"999999"}}')).status).toBe(400);
    expect((await post(path, admin, 'amount=200')).status).toBe(400);
    const huge = await post(path, admin, `{"pad":"${'x'.repeat(64 * 1024)}"}`);
    expect(huge.status).toBe(413);
    const ok = await post(path, admin, body);
    expect(ok.status).toBe(202);
    const { refundRequestId } = JSON.parse(ok.body) as { refundRequestId: string };
    const refund = await client.payments.inquiryRefund({ refundRequestId });
    expect(refund.refundAmount).toEqual({ currency: 'USD', value: '200' });
  });

  it('refuses incomplete options with an AntomConfigError', () => {
    const base = {
      client,
      publicUrl: url,
      notifyPath: '/antom/notifications',
      resolveOrder: () => undefined,
      onPaymentStatus: () => {},
      authorizeRefund: () => false,
    };
    expect(() => antomPaymentRoutes({ ...base, publicUrl: 'shop.example.com/x' })).toThrow(AntomConfigError);
    expect(() => antomPaymentRoutes({ ...base, notifyPath: 'antom' })).toThrow(/notifyPath/);
    expect(() => antomPaymentRoutes({ ...base, authorizeRefund: undefined as never })).toThrow(/authorizeRefund/);
  });
});

describe('antomPaymentRoutes in session mode with onReturn', () => {
  let sandbox: Sandbox;
  let client: AntomClient;
  let shop: Server;
  let url: string;
  const attempts = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
    const app = new Koa();
    const payments = antomPaymentRoutes({
      client,
      mode: 'session',
      publicUrl: 'http://127.0.0.1:1',
      notifyPath: '/antom/notifications',
      paths: { checkout: '/pay/:orderId', return: '/back/:orderId', status: false, refund: false },
      resolveOrder: (orderId) => ({
        orderId,
        amount: { currency: 'EUR', value: '1250' },
        description: orderId,
        ...(attempts.has(orderId) ? { paymentRequestId: attempts.get(orderId)! } : {}),
      }),
      getOrCreatePaymentRequestId: (order) => {
        if (!attempts.has(order.orderId)) attempts.set(order.orderId, `${order.orderId}_attempt_${attempts.size + 1}`);
        return attempts.get(order.orderId)!;
      },
      onPaymentStatus: () => {},
      onReturn: (ctx, { update }) => {
        ctx.status = 303;
        ctx.redirect(`/thanks?status=${update?.paymentStatus ?? 'none'}`);
      },
      authorizeRefund: () => false,
    });
    app.use(payments.routes());
    shop = createServer(app.callback());
    url = await listen(shop);
  });
  afterAll(async () => {
    await close(shop);
    await client?.close();
    await sandbox?.close();
  });

  it('creates a payment session with the id the app persisted, reuses it, and lets onReturn redirect', async () => {
    const first = await send(`${url}/pay/s1`, { headers: { accept: 'application/json' }, body: '' });
    expect(first.status).toBe(200);
    const json = JSON.parse(first.body);
    expect(json.paymentRequestId).toBe('s1_attempt_1');
    expect(typeof json.paymentSessionData).toBe('string');
    const again = JSON.parse((await send(`${url}/pay/s1`, { body: '' })).body);
    expect(again.paymentRequestId).toBe('s1_attempt_1');
    const back = await send(`${url}/back/s1`, { method: 'GET' });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/thanks?status=PROCESSING');
    expect((await send(`${url}/api/orders/s1/payment`, { method: 'GET' })).status).toBe(404);
  });
});
