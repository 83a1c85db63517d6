import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from '@antomkit/conformance';
import { AntomClient, signRequest, verifySignature } from '@antomkit/core';
import { type Sandbox, startSandbox } from '@antomkit/sandbox';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antomClient, antomPaymentRoutes, type PaymentStatusUpdate, type ResolvedOrder } from './index';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const antom = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CLIENT_ID = 'EXPRESS_TEST';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
}

/** A loopback gateway that checks every request signature and signs its answers, as Antom does. */
function gateway(seen: Seen[]): Promise<{ server: Server; origin: string }> {
  const payments = new Map<string, Record<string, any>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '';
      const ok = verifySignature({
        path,
        clientId: String(req.headers['client-id']),
        time: String(req.headers['request-time']),
        body: raw,
        signature: String(req.headers.signature),
        publicKey: merchant.publicKey,
      });
      const body = JSON.parse(raw.toString()) as Record<string, any>;
      seen.push({ path, headers: req.headers, body });
      let answer: Record<string, any>;
      const result = (s: string, code = 'SUCCESS') => ({ resultStatus: s, resultCode: code, resultMessage: code });
      if (!ok) answer = { result: result('F', 'INVALID_SIGNATURE') };
      else if (path.endsWith('/pay')) {
        if (body.paymentAmount.value === '11') answer = { result: result('F', 'RISK_REJECT') };
        else {
          const paymentId = `pay_${body.paymentRequestId}`;
          payments.set(body.paymentRequestId, {
            paymentId,
            paymentStatus: 'SUCCESS',
            paymentAmount: body.paymentAmount,
          });
          answer = {
            result: result('U', 'PAYMENT_IN_PROCESS'),
            paymentId,
            normalUrl: `https://cashier.test/${paymentId}`,
          };
        }
      } else if (path.endsWith('/inquiryPayment')) {
        const p = payments.get(body.paymentRequestId);
        answer = p
          ? { result: result('S'), paymentRequestId: body.paymentRequestId, ...p }
          : { result: result('F', 'ORDER_NOT_EXIST') };
      } else if (path.endsWith('/refund')) {
        answer = { result: result('S'), refundRequestId: body.refundRequestId, refundId: `rf_${body.refundRequestId}` };
      } else answer = { result: result('F', 'NO_INTERFACE_DEF') };
      const text = JSON.stringify(answer);
      const time = new Date().toISOString();
      res.writeHead(200, {
        'content-type': 'application/json',
        'client-id': CLIENT_ID,
        'response-time': time,
        signature: signRequest({ path, clientId: CLIENT_ID, time, body: text, privateKey: antom.privateKey }),
      });
      res.end(text);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('antomPaymentRoutes', () => {
  const seen: Seen[] = [];
  const updates: PaymentStatusUpdate[] = [];
  const orders = new Map<string, ResolvedOrder>([
    ['o1', { orderId: 'o1', amount: { currency: 'USD', value: '4200' }, description: 'Order o1' }],
    ['o2', { orderId: 'o2', amount: { currency: 'USD', value: '900' }, description: 'Order o2' }],
    ['risky', { orderId: 'risky', amount: { currency: 'USD', value: '11' }, description: 'Risky' }],
  ]);
  let gw: { server: Server; origin: string };
  let app: Server;
  let url: string;
  let client: AntomClient;

  beforeAll(async () => {
    gw = await gateway(seen);
    client = new AntomClient({
      clientId: CLIENT_ID,
      privateKey: merchant.privateKey,
      antomPublicKey: antom.publicKey,
      gateway: gw.origin,
      maxRetries: 0,
    });
    const shop = express();
    shop.use(antomClient({ client, agentToken: (req) => req.get('x-merchant') }));
    shop.get('/whoami', async (req, res) => {
      await req.antom!.payments.inquiryPayment({ paymentRequestId: 'nobody' }).catch(() => undefined);
      res.json({ ok: true });
    });
    shop.use(
      '/shop',
      antomPaymentRoutes({
        client,
        agentToken: (req) => req.get('x-merchant'),
        publicUrl: 'https://shop.example.com',
        notifyPath: '/antom/notifications',
        resolveOrder: (id) => orders.get(id),
        onPaymentStatus: (u) => {
          updates.push(u);
        },
        authorizeRefund: (req) =>
          req.get('authorization') ? req.get('authorization') === 'Bearer admin' : 'unauthenticated',
      }),
    );
    shop.get('/shop/orders/:orderId', (_req, res) => {
      res.json({ page: true, status: res.locals.antomPayment?.update?.paymentStatus });
    });
    await new Promise<void>((resolve) => {
      app = shop.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.closeAllConnections();
    gw.server.closeAllConnections();
    await new Promise((r) => app.close(r));
    await new Promise((r) => gw.server.close(r));
    await client.close();
  });

  const post = (
    path: string,
    headers: Record<string, string> = {},
    body = '{"amount":{"currency":"USD","value":"1"}}',
  ) => send(url + path, { headers: { 'content-type': 'application/json', ...headers }, body });

  it('pays the amount the server resolved, with ids and URLs built for the mount path', async () => {
    const reply = await post('/shop/api/orders/o1/checkout');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      paymentRequestId: 'o1',
      redirectUrl: 'https://cashier.test/pay_o1',
      paymentId: 'pay_o1',
    });
    const pay = seen.findLast((s) => s.path.endsWith('/pay'))!;
    expect(pay.body.paymentAmount).toEqual({ currency: 'USD', value: '4200' });
    expect(pay.body.paymentRedirectUrl).toBe('https://shop.example.com/shop/orders/o1');
    expect(pay.body.paymentNotifyUrl).toBe('https://shop.example.com/antom/notifications');
  });

  it('redirects a form post with 303 and reuses the payment request id', async () => {
    const reply = await send(`${url}/shop/api/orders/o1/checkout`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1',
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('https://cashier.test/pay_o1');
    expect(seen.filter((s) => s.path.endsWith('/pay')).every((s) => s.body.paymentRequestId === 'o1')).toBe(true);
  });

  it('sends the per-request Agent-Token through req.antom', async () => {
    await post('/shop/api/orders/o2/checkout', { 'x-merchant': 'merchant-7' });
    expect(seen.at(-1)!.headers['agent-token']).toBe('merchant-7');
    await send(`${url}/whoami`, { method: 'GET', headers: { 'x-merchant': 'merchant-8' } });
    expect(seen.at(-1)!.headers['agent-token']).toBe('merchant-8');
  });

  it('answers 422 with the result code when Antom refuses, and 404 for an unknown order', async () => {
    const refused = await post('/shop/api/orders/risky/checkout');
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.body).error.code).toBe('RISK_REJECT');
    expect((await post('/shop/api/orders/none/checkout')).status).toBe(404);
  });

  it('hands the return to the app page with the inquired status, and answers polls', async () => {
    const page = await send(`${url}/shop/orders/o1`, { method: 'GET' });
    expect(JSON.parse(page.body)).toEqual({ page: true, status: 'SUCCESS' });
    expect(updates.at(-1)).toMatchObject({
      orderId: 'o1',
      paymentRequestId: 'o1',
      paymentId: 'pay_o1',
      source: 'return',
    });
    const poll = await send(`${url}/shop/api/orders/o1/payment`, { method: 'GET' });
    expect(JSON.parse(poll.body)).toEqual({
      orderId: 'o1',
      paymentRequestId: 'o1',
      paymentId: 'pay_o1',
      paymentStatus: 'SUCCESS',
    });
  });

  it('refunds only when authorised, within the order amount', async () => {
    const path = '/shop/api/orders/o1/refunds';
    const body = '{"amount":{"currency":"USD","value":"200"}}';
    expect((await post(path, {}, body)).status).toBe(401);
    expect((await post(path, { authorization: 'Bearer nope' }, body)).status).toBe(403);
    const tooMuch = await post(
      path,
      { authorization: 'Bearer admin' },
      '{"amount":{"currency":"USD","value":"999999"}}',
    );
    expect(tooMuch.status).toBe(400);
    const ok = await post(path, { authorization: 'Bearer admin' }, body);
    expect(ok.status).toBe(202);
    const refund = seen.findLast((s) => s.path.endsWith('/refund'))!;
    expect(refund.body).toMatchObject({ paymentId: 'pay_o1', refundAmount: { currency: 'USD', value: '200' } });
    expect(JSON.parse(ok.body).refundRequestId).toBe(refund.body.refundRequestId);
  });
});

describe('antomPaymentRoutes in session mode, against the local sandbox', () => {
  let sandbox: Sandbox;
  let client: AntomClient;
  let app: Server;
  let url: string;
  const attempts = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
    const shop = express();
    shop.use(
      antomPaymentRoutes({
        client,
        mode: 'session',
        publicUrl: 'http://127.0.0.1:1',
        notifyPath: '/antom/notifications',
        paths: { checkout: '/pay/:orderId', return: '/back/:orderId', status: false, refund: false },
        // The app returns the attempt it stored, so return and status inquire about it.
        resolveOrder: (orderId) => ({
          orderId,
          amount: { currency: 'EUR', value: '1250' },
          description: orderId,
          ...(attempts.has(orderId) ? { paymentRequestId: attempts.get(orderId)! } : {}),
        }),
        getOrCreatePaymentRequestId: (order) => {
          if (!attempts.has(order.orderId))
            attempts.set(order.orderId, `${order.orderId}_attempt_${attempts.size + 1}`);
          return attempts.get(order.orderId)!;
        },
        onPaymentStatus: () => {},
        onReturn: (_req, res, { update }) => res.redirect(303, `/thanks?status=${update?.paymentStatus ?? 'none'}`),
        authorizeRefund: () => false,
      }),
    );
    await new Promise<void>((resolve) => {
      app = shop.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.closeAllConnections();
    await new Promise((r) => app.close(r));
    await client.close();
    await sandbox.close();
  });

  it('creates a payment session with the id the app persisted, and reuses it', async () => {
    const first = await send(`${url}/pay/s1`, { headers: { accept: 'application/json' }, body: '' });
    expect(first.status).toBe(200);
    const json = JSON.parse(first.body);
    expect(json.paymentRequestId).toBe('s1_attempt_1');
    expect(typeof json.paymentSessionData).toBe('string');
    expect(json.redirectUrl.startsWith(sandbox.url)).toBe(true);
    const again = JSON.parse((await send(`${url}/pay/s1`, { body: '' })).body);
    expect(again.paymentRequestId).toBe('s1_attempt_1');
  });

  it('lets onReturn decide where the buyer goes, with the inquired status', async () => {
    const back = await send(`${url}/back/s1`, { method: 'GET' });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/thanks?status=PROCESSING');
    expect((await send(`${url}/api/orders/s1/payment`, { method: 'GET' })).status).toBe(404);
  });
});
