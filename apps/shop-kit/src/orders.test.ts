import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationContext, NotificationOf } from '@antomkit/core';
import { postgresAvailable, startPostgres } from '@antomkit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { orderNotificationHandlers } from './order-handlers';
import { OrderStore } from './orders';

interface Backend {
  name: string;
  available: boolean;
  /** Where a fresh, empty database is; reopening the same options finds the same data. */
  start(): Promise<{ options: Parameters<typeof openDatabase>[0]; stop(): Promise<void> }>;
}

// The same tests on both databases the shops run on: PGlite (one connection, transactions queued) and a real
// PostgreSQL (a pool, so concurrent notifications really race). One cluster per backend per run; each test
// works on orders of its own.
const backends: Backend[] = [
  {
    name: 'PGlite',
    available: true,
    async start() {
      const dataDir = mkdtempSync(join(tmpdir(), 'shop-'));
      return { options: { dataDir }, stop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresAvailable,
    async start() {
      const postgres = await startPostgres();
      return { options: { databaseUrl: postgres.url }, stop: postgres.stop };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.available)(`OrderStore on ${backend.name}`, () => {
    let database: Awaited<ReturnType<Backend['start']>> | undefined;
    let store: OrderStore;
    const open = async () => OrderStore.open(await openDatabase(database!.options));

    beforeAll(async () => {
      database = await backend.start();
      store = await open();
    }, 60_000);
    afterAll(async () => {
      await store?.close().catch(() => undefined);
      await database?.stop();
    });

    it('prices on the server and rejects unknown skus', async () => {
      const order = await store.createOrder([
        { sku: 'tea-oolong', quantity: 2 },
        { sku: 'cup-celadon', quantity: 1 },
      ]);
      expect(order).toMatchObject({ status: 'CREATED', amount: { currency: 'USD', value: '4800' } });
      await expect(store.createOrder([{ sku: 'nope', quantity: 1 }])).rejects.toThrow(/unknown sku/);
      await expect(store.createOrder([{ sku: 'tea-oolong', quantity: 0.5 }])).rejects.toThrow(/integer/);
    });

    it('reuses the payment request id while an attempt is open and renews it after a failure', async () => {
      const { orderId } = await store.createOrder([{ sku: 'tea-oolong', quantity: 1 }]);
      const first = await store.startCheckout(orderId);
      expect((await store.startCheckout(orderId)).paymentRequestId).toBe(first.paymentRequestId);
      await store.applyPaymentResult({ paymentRequestId: first.paymentRequestId, outcome: 'FAIL' });
      const second = await store.startCheckout(orderId);
      expect(second.paymentRequestId).not.toBe(first.paymentRequestId);
      await store.applyPaymentResult({
        paymentRequestId: second.paymentRequestId,
        paymentId: 'p2',
        outcome: 'SUCCESS',
      });
      await expect(store.startCheckout(orderId)).rejects.toThrow(/PAID/);
    });

    it('applies a replayed notification once and never re-opens or double-refunds', async () => {
      const { orderId } = await store.createOrder([{ sku: 'pot-yixing', quantity: 1 }]);
      const { paymentRequestId } = await store.startCheckout(orderId);
      const paid = {
        paymentRequestId,
        paymentId: 'pay_1',
        outcome: 'SUCCESS' as const,
        notificationKey: 'PAYMENT_RESULT:pay_1:S',
      };
      const results = await Promise.all([1, 2, 3].map(() => store.applyPaymentResult(paid)));
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      // A late FAIL for the same attempt (a reordered notification) cannot re-open a paid order.
      await store.applyPaymentResult({ paymentRequestId, outcome: 'FAIL', notificationKey: 'PAYMENT_RESULT:pay_1:F' });
      expect((await store.getOrder(orderId))?.status).toBe('PAID');

      const refund = await store.startRefund(orderId);
      expect(refund.amount).toEqual({ currency: 'USD', value: '8900' });
      await expect(store.startRefund(orderId)).rejects.toThrow(/at most 0/);
      const done = { refundRequestId: refund.refundRequestId, refundId: 'rf_1', outcome: 'SUCCESS' as const };
      const applied = await Promise.all([
        store.applyRefundResult({ ...done, notificationKey: 'REFUND_RESULT:rf_1' }),
        store.applyRefundResult({ ...done, notificationKey: 'REFUND_RESULT:rf_1' }),
        store.applyRefundResult(done),
      ]);
      expect(applied.filter((r) => r.applied)).toHaveLength(1);
      const order = await store.getOrder(orderId);
      expect(order).toMatchObject({ status: 'REFUNDED', refunds: [{ status: 'SUCCESS', refundId: 'rf_1' }] });
      const events = (await store.events(orderId)).map((e) => e.event);
      expect(events).toEqual(['CHECKOUT', 'PAYMENT_SUCCESS', 'REFUND_REQUESTED', 'REFUND_SUCCESS']);
    });

    it('concurrent checkouts share one attempt and concurrent refunds never exceed what was paid', async () => {
      const { orderId } = await store.createOrder([{ sku: 'cup-celadon', quantity: 1 }]);
      const checkouts = await Promise.all([1, 2, 3].map(() => store.startCheckout(orderId)));
      expect(new Set(checkouts.map((c) => c.paymentRequestId)).size).toBe(1);
      const { paymentRequestId } = checkouts[0]!;
      const paid = { paymentRequestId, paymentId: 'pay_c', outcome: 'SUCCESS' as const };
      const outcomes = await Promise.all([1, 2, 3].map(() => store.applyPaymentResult(paid)));
      expect(outcomes.filter((r) => r.applied)).toHaveLength(1);
      const refunds = await Promise.allSettled([1, 2, 3].map(() => store.startRefund(orderId)));
      expect(refunds.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const order = await store.getOrder(orderId);
      expect(order?.refunds).toHaveLength(1);
      expect((await store.events(orderId)).map((e) => e.event)).toHaveLength(3);
    });

    it('releases a refused refund and gives the retry a new refundRequestId', async () => {
      const { orderId } = await store.createOrder([{ sku: 'tea-oolong', quantity: 1 }]);
      const { paymentRequestId } = await store.startCheckout(orderId);
      await store.applyPaymentResult({ paymentRequestId, paymentId: 'pay_r', outcome: 'SUCCESS' });
      const refused = await store.startRefund(orderId);
      await store.applyRefundResult({ refundRequestId: refused.refundRequestId, outcome: 'FAIL' });
      const retry = await store.startRefund(orderId);
      expect(retry.refundRequestId).not.toBe(refused.refundRequestId);
      expect(retry.amount).toEqual(refused.amount);
      await expect(store.startRefund(orderId)).rejects.toThrow(/at most 0/);
    });

    it('orderNotificationHandlers apply each notification once and say when a replay changed nothing', async () => {
      const lines: string[] = [];
      const handlers = orderNotificationHandlers(store, (line) => lines.push(line));
      const context = {} as NotificationContext;
      const { orderId } = await store.createOrder([{ sku: 'tea-oolong', quantity: 1 }]);
      const { paymentRequestId } = await store.startCheckout(orderId);
      const paid = {
        kind: 'PAYMENT_RESULT',
        notifyType: 'PAYMENT_RESULT',
        paymentRequestId,
        paymentId: 'pay_h1',
        result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
      } as NotificationOf<'PAYMENT_RESULT'>;
      await handlers.PAYMENT_RESULT(paid, context);
      await handlers.PAYMENT_RESULT(paid, context);
      expect(await store.getOrder(orderId)).toMatchObject({ status: 'PAID', paymentId: 'pay_h1' });

      const { refundRequestId } = await store.startRefund(orderId);
      const refunded = {
        kind: 'REFUND_RESULT',
        refundRequestId,
        refundId: 'rf_h1',
        refundStatus: 'SUCCESS',
      } as NotificationOf<'REFUND_RESULT'>;
      await handlers.REFUND_RESULT(refunded, context);
      await handlers.REFUND_RESULT(refunded, context);
      expect((await store.getOrder(orderId))?.status).toBe('REFUNDED');
      expect(lines).toEqual([
        `PAYMENT_RESULT ${paymentRequestId} S: applied`,
        `PAYMENT_RESULT ${paymentRequestId} S: already applied`,
        `REFUND_RESULT ${refundRequestId} SUCCESS: applied`,
        `REFUND_RESULT ${refundRequestId} SUCCESS: already applied`,
      ]);
      expect((await store.events(orderId)).map((e) => e.event)).toEqual([
        'CHECKOUT',
        'PAYMENT_SUCCESS',
        'REFUND_REQUESTED',
        'REFUND_SUCCESS',
      ]);
    });

    it('keeps orders and their state across a restart', async () => {
      const { orderId } = await store.createOrder([{ sku: 'tea-jasmine', quantity: 2 }]);
      const { paymentRequestId } = await store.startCheckout(orderId);
      await store.applyPaymentResult({ paymentRequestId, paymentId: 'p', outcome: 'SUCCESS', notificationKey: 'k1' });
      await store.close();
      store = await open();
      const reopened = store;
      expect(await reopened.getOrder(orderId)).toMatchObject({
        status: 'PAID',
        amount: { value: '3700' },
        paymentId: 'p',
      });
      expect(
        (await reopened.applyPaymentResult({ paymentRequestId, outcome: 'SUCCESS', notificationKey: 'k1' })).applied,
      ).toBe(false);
    });
  });
}
