import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAck, signNotification } from '@antomkit/core/testing';
import { OrderStore, openDatabase } from '@antomkit/shop-kit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  call,
  cashierAction,
  createOrder,
  getOrder,
  type Money,
  type SandboxNotification,
  sandboxNotifications,
  waitForOrder,
} from './api';
import { hasChromium, launchBrowser, waitForText, withPage } from './browser';
import { freePort, type RunningShop, type StartShop } from './process';

export interface ShopUnderTest {
  /** `express`, `nest`, `koa`: names screenshots and the describe block. */
  name: string;
  start: StartShop;
}

const NOTIFY_PATH = '/antom/notifications';

/**
 * The suite every sample shop passes: the design's API contract, the cashier flows in Chromium, a restart on
 * the same DATA_DIR and replayed notifications. One shop process and one browser per file.
 */
export function describeShop({ name, start }: ShopUnderTest): void {
  describe(`${name} shop`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `${name}-shop-`));
    const adminToken = `test-admin-${Math.random().toString(36).slice(2)}`;
    let ports: { port: number; sandboxPort: number };
    let shop: RunningShop;
    let browser: Browser | undefined;
    /** An order paid and fully refunded through the API, for the replay and restart tests. */
    let refunded: { orderId: string; paymentId: string } | undefined;

    const startShop = () => start({ dataDir, adminToken, ...ports });

    beforeAll(async () => {
      ports = { port: await freePort(), sandboxPort: await freePort() };
      cpSync(inject('pgliteTemplate'), join(dataDir, 'pgdata'), { recursive: true });
      [shop, browser] = await Promise.all([startShop(), hasChromium ? launchBrowser() : undefined]);
    });

    afterAll(async () => {
      await browser?.close();
      await shop?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function checkout(orderId: string) {
      const res = await call(shop, 'POST', `/api/orders/${orderId}/checkout`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { paymentRequestId: string; redirectUrl: string };
    }

    async function paidOrder(): Promise<{ orderId: string; paymentId: string; amount: Money }> {
      const { orderId } = await createOrder(shop, [{ sku: 'tea-jasmine', quantity: 2 }]);
      await cashierAction((await checkout(orderId)).redirectUrl, 'pay');
      const order = await waitForOrder(shop, orderId, (o) => o.status === 'PAID');
      return { orderId, paymentId: order.paymentId!, amount: order.amount };
    }

    describe('API', () => {
      it('lists the catalogue with server prices', async () => {
        const res = await call(shop, 'GET', '/api/products');
        expect(res.status).toBe(200);
        expect(res.body.length).toBeGreaterThan(0);
        for (const product of res.body) {
          expect(product).toMatchObject({
            sku: expect.any(String),
            name: expect.any(String),
            price: { currency: expect.any(String), value: expect.stringMatching(/^\d+$/) },
          });
        }
      });

      it('prices an order on the server, ignoring amounts from the browser, and refuses unknown skus', async () => {
        const products = (await call(shop, 'GET', '/api/products')).body as { sku: string; price: Money }[];
        const [a, b] = [products[0]!, products[1] ?? products[0]!];
        const expected = BigInt(a.price.value) * 2n + BigInt(b.price.value);
        const res = await call(shop, 'POST', '/api/orders', {
          items: [
            { sku: a.sku, quantity: 2, price: { currency: a.price.currency, value: '1' } },
            { sku: b.sku, quantity: 1 },
          ],
          amount: { currency: a.price.currency, value: '1' },
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          orderId: expect.any(String),
          status: 'CREATED',
          amount: { currency: a.price.currency, value: expected.toString() },
        });
        expect(await getOrder(shop, res.body.orderId)).toMatchObject({ status: 'CREATED', amount: res.body.amount });

        expect((await call(shop, 'POST', '/api/orders', { items: [{ sku: 'no-such-sku', quantity: 1 }] })).status).toBe(
          400,
        );
        expect((await call(shop, 'POST', '/api/orders', { items: 'all of it' })).status).toBe(400);
        expect((await call(shop, 'GET', '/api/orders/ord_missing')).status).toBe(404);
      });

      it('checks out: 200 JSON for fetch, 303 to the same cashier for a form post, then PENDING', async () => {
        const { orderId } = await createOrder(shop, [{ sku: 'tea-oolong', quantity: 1 }]);
        const first = await checkout(orderId);
        expect(first).toMatchObject({ paymentRequestId: expect.any(String), redirectUrl: expect.any(String) });
        expect(first.redirectUrl.startsWith(shop.sandboxUrl)).toBe(true);

        const form = await fetch(`${shop.url}/api/orders/${orderId}/checkout`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          body: '',
        });
        expect(form.status).toBe(303);
        expect(form.headers.get('location')).toBe(first.redirectUrl);
        expect(await getOrder(shop, orderId)).toMatchObject({
          status: 'PENDING',
          paymentRequestId: first.paymentRequestId,
        });
      });

      it('refunds only with the admin token: 401 without, 403 with a wrong one, 202 with the right one', async () => {
        const paid = await paidOrder();
        const path = `/api/orders/${paid.orderId}/refunds`;
        expect((await call(shop, 'POST', path, {})).status).toBe(401);
        expect((await call(shop, 'POST', path, {}, { authorization: 'Bearer wrong-token' })).status).toBe(403);
        expect((await getOrder(shop, paid.orderId)).refunds).toEqual([]);

        const res = await call(shop, 'POST', path, {}, { authorization: `Bearer ${adminToken}` });
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        expect(res.body).toMatchObject({ refundRequestId: expect.any(String) });
        const order = await waitForOrder(shop, paid.orderId, (o) => o.status === 'REFUNDED');
        expect(order.refunds).toMatchObject([{ refundRequestId: res.body.refundRequestId, amount: paid.amount }]);
        // Nothing is left to refund.
        expect((await call(shop, 'POST', path, {}, { authorization: `Bearer ${adminToken}` })).status).toBe(409);
        refunded = { orderId: paid.orderId, paymentId: paid.paymentId };
      });
    });

    describe.skipIf(!hasChromium)('in Chromium', () => {
      async function buy(page: Page, action: 'pay' | 'fail' | 'cancel'): Promise<string> {
        await page.goto(`${shop.url}/`, { waitUntil: 'networkidle' });
        await Promise.all([
          page.waitForURL((url) => url.href.startsWith(`${shop.sandboxUrl}/`)),
          page.getByTestId('checkout').click(),
        ]);
        await Promise.all([
          page.waitForURL((url) => url.href.startsWith(`${shop.url}/orders/`)),
          page.getByTestId(`cashier-${action}`).click(),
        ]);
        return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      }

      it('buy, pay in the cashier: the return page shows PAID', async () => {
        await withPage(browser!, `${name}-pay`, async (page) => {
          const orderId = await buy(page, 'pay');
          await waitForText(page, 'order-status', 'PAID');
          expect((await getOrder(shop, orderId)).status).toBe('PAID');
        });
      });

      it('a failed payment shows FAILED', async () => {
        await withPage(browser!, `${name}-fail`, async (page) => {
          await buy(page, 'fail');
          await waitForText(page, 'order-status', 'FAILED');
        });
      });

      it('a cancelled payment shows CANCELLED', async () => {
        await withPage(browser!, `${name}-cancel`, async (page) => {
          await buy(page, 'cancel');
          await waitForText(page, 'order-status', 'CANCELLED');
        });
      });

      it('a refund from the order page shows REFUNDED', async () => {
        const { orderId } = await paidOrder();
        await withPage(browser!, `${name}-refund`, async (page) => {
          await page.goto(`${shop.url}/orders/${encodeURIComponent(orderId)}`);
          await waitForText(page, 'order-status', 'PAID');
          await page.locator('summary').click();
          await page.getByTestId('admin-token').fill(adminToken);
          await page.getByTestId('refund').click();
          await waitForText(page, 'order-status', 'REFUNDED');
        });
      });
    });

    describe('restart and replayed notifications', () => {
      let notifications: SandboxNotification[] = [];

      async function events(orderId: string): Promise<string[]> {
        const store = await OrderStore.open(await openDatabase({ dataDir }));
        try {
          return (await store.events(orderId)).map((e) => e.event);
        } finally {
          await store.close();
        }
      }

      it('a notification resent from the sandbox dashboard is acknowledged and changes nothing', async () => {
        expect(refunded, 'needs the refund test above').toBeDefined();
        notifications = (await sandboxNotifications(shop)).filter(
          (n) => n.relatedId === refunded!.paymentId && ['PAYMENT_RESULT', 'REFUND_RESULT'].includes(n.type),
        );
        expect(notifications.map((n) => n.type).sort()).toEqual(['PAYMENT_RESULT', 'REFUND_RESULT']);
        for (const n of notifications) {
          const res = await fetch(`${shop.sandboxUrl}/_sandbox/notifications/${encodeURIComponent(n.id)}/resend`, {
            method: 'POST',
            headers: { accept: 'application/json' },
          });
          expect(res.status).toBe(200);
        }
        const after = await sandboxNotifications(shop);
        for (const n of notifications) {
          const manual = after.find((m) => m.id === n.id)!.attempts.filter((a) => a.trigger === 'manual');
          expect(manual).toMatchObject([{ acked: true, status: 200 }]);
        }
        expect(await getOrder(shop, refunded!.orderId)).toMatchObject({
          status: 'REFUNDED',
          refunds: [{ status: 'SUCCESS' }],
        });
      });

      it('survives a restart on the same DATA_DIR, and signed replays after it are database no-ops', async () => {
        expect(notifications).toHaveLength(2);
        const before = await getOrder(shop, refunded!.orderId);
        await shop.stop();
        const once = ['CHECKOUT', 'PAYMENT_SUCCESS', 'REFUND_REQUESTED', 'REFUND_SUCCESS'];
        expect(await events(refunded!.orderId)).toEqual(once);

        shop = await startShop();
        expect(await getOrder(shop, refunded!.orderId)).toEqual(before);

        // A fresh process has no in-memory record of these: only the database can refuse them.
        const antomPrivateKey = readFileSync(join(dataDir, 'sandbox-keys', 'antom-private.pem'), 'utf8');
        for (const n of notifications) {
          const signed = signNotification({
            path: NOTIFY_PATH,
            clientId: n.owner,
            body: n.body,
            privateKey: antomPrivateKey,
          });
          const res = await fetch(shop.url + NOTIFY_PATH, {
            method: 'POST',
            headers: signed.headers,
            body: signed.body,
          });
          expect(isAck({ status: res.status, body: await res.text() })).toBe(true);
        }
        expect(await getOrder(shop, refunded!.orderId)).toEqual(before);
        await shop.stop(); // the last test: afterAll's stop() is then a no-op
        expect(await events(refunded!.orderId)).toEqual(once);
      }, 90_000); // two process starts and two PGlite opens: slow on a loaded 2-core machine
    });
  });
}
