import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@antomkit/sandbox';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop, type Shop } from './app';

// One sandbox, one database and one shop for the file; the shared shop-e2e suite covers the cashier flows.
const dataDir = mkdtempSync(join(tmpdir(), 'nest-shop-'));
const server = createServer();
let sandbox: Sandbox;
let orders: OrderStore;
let shop: Shop;
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  [sandbox, orders] = await Promise.all([
    startSandbox({ port: 0 }),
    openDatabase({ dataDir }).then((sql) => OrderStore.open(sql)),
  ]);
  shop = await createShop({
    orders,
    antom: {
      mode: 'gateway',
      clientId: sandbox.clientId,
      privateKey: sandbox.keys.merchantPrivateKey,
      antomPublicKey: sandbox.keys.antomPublicKey,
      gateway: sandbox.url,
    },
    publicUrl: url,
    adminToken: 'staff-token',
    logger: false,
  });
  server.on('request', shop.app.getHttpAdapter().getInstance());
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await Promise.allSettled([shop?.close(), sandbox?.close()]);
  await orders?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function paidOrder(): Promise<string> {
  const { body: order } = await call(
    'POST',
    '/api/orders',
    JSON.stringify({ items: [{ sku: 'tea-oolong', quantity: 1 }] }),
  );
  const { body: checkout } = await call('POST', `/api/orders/${order.orderId}/checkout`);
  await fetch(checkout.redirectUrl, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay' }),
    redirect: 'manual',
  });
  await until(async () => (await orders.getOrder(order.orderId))?.status === 'PAID');
  return order.orderId;
}

async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('nest-shop', () => {
  it('a refund Antom refuses answers 422 with its resultCode and frees the amount; the next one goes through', async () => {
    const orderId = await paidOrder();
    const staff = { authorization: 'Bearer staff-token' };
    sandbox.scenarios.next({ path: '/v1/payments/refund', resultCode: 'RISK_REJECT', resultStatus: 'F' });

    const refused = await call('POST', `/api/orders/${orderId}/refunds`, '{}', staff);
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'RISK_REJECT' } } });
    expect(await orders.getOrder(orderId)).toMatchObject({ status: 'PAID', refunds: [{ status: 'FAIL' }] });

    const accepted = await call('POST', `/api/orders/${orderId}/refunds`, '{}', staff);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    await until(async () => (await orders.getOrder(orderId))?.status === 'REFUNDED');
    expect((await orders.getOrder(orderId))!.refunds.map((r) => r.status)).toEqual(['FAIL', 'SUCCESS']);
  });

  it('answers every error as { error: { code, message } }', async () => {
    const paid = await paidOrder();
    const cases: [Promise<{ status: number; body: any }>, number, string][] = [
      [call('POST', '/api/orders', '{"items":'), 400, 'BadRequestException'],
      [call('POST', '/api/orders', JSON.stringify({ items: 'x'.repeat(70_000) })), 413, 'PayloadTooLargeError'],
      [call('POST', '/api/orders', JSON.stringify({ items: [{ sku: 'nope', quantity: 1 }] })), 400, 'ShopInputError'],
      [call('POST', '/api/orders/ord_missing/checkout'), 404, 'ORDER_NOT_FOUND'],
      [call('POST', `/api/orders/${paid}/checkout`), 409, 'OrderStateError'],
      [
        call('POST', `/api/orders/${paid}/refunds`, '{"amount":"all"}', { authorization: 'Bearer staff-token' }),
        400,
        'ShopInputError',
      ],
      [
        call('POST', `/api/orders/${paid}/refunds`, '{}', { authorization: 'Basic staff-token' }),
        401,
        'UNAUTHENTICATED',
      ],
      [call('GET', '/no/such/page'), 404, 'NotFoundException'],
    ];
    for (const [reply, status, code] of cases) {
      expect(await reply).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
    }
    expect((await orders.getOrder(paid))!.refunds).toEqual([]);
  });
});
