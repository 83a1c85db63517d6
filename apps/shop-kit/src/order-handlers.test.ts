import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationContext, NotificationOf } from '@antomkit/core';
import { expect, it } from 'vitest';
import { openDatabase } from './database';
import { orderNotificationHandlers } from './order-handlers';
import { OrderStore } from './orders';

it('updates the order from PAYMENT_RESULT and REFUND_RESULT once, and says when a replay changed nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-handlers-'));
  const store = await OrderStore.open(await openDatabase({ dataDir }));
  try {
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
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
