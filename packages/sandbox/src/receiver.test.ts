import { AntomClient } from '@antomkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox';
import { eventually, startReceiverServer } from './test-helpers';

type Seen = { kind: string; id: string; result?: string };

let sandbox: Sandbox;
let antom: AntomClient;
let shop: Awaited<ReturnType<typeof startReceiverServer>>;
const seen: Seen[] = [];
let failNextPayment = false;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 10_000 });
  shop = await startReceiverServer(sandbox, (receiver) =>
    receiver
      .on('PAYMENT_RESULT', (n) => {
        if (failNextPayment) {
          failNextPayment = false;
          throw new Error('database down');
        }
        seen.push({ kind: n.kind, id: n.paymentRequestId, result: n.result.resultStatus });
      })
      .on('REFUND_RESULT', (n) => {
        seen.push({ kind: n.kind, id: n.refundRequestId, result: n.refundStatus });
      })
      .on('CAPTURE_RESULT', (n) => {
        seen.push({ kind: n.kind, id: n.captureRequestId });
      })
      .on('DISPUTE_CREATED', (n) => {
        seen.push({ kind: n.kind, id: n.paymentId });
      }),
  );
  sandbox.setNotificationUrl(`${shop.url}/antom/notifications`);
  antom = new AntomClient({ ...sandbox.clientOptions, maxRetries: 0 });
});
afterAll(async () => {
  await antom.close();
  await sandbox.close();
  await shop.close();
});

async function payThroughCashier(paymentRequestId: string, extra: Record<string, unknown> = {}) {
  const created = await antom.payments.pay({
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: paymentRequestId, orderAmount: { currency: 'EUR', value: '4200' } },
    paymentAmount: { currency: 'EUR', value: '4200' },
    paymentMethod: { paymentMethodType: 'CARD' },
    paymentRedirectUrl: `${shop.url}/orders/${paymentRequestId}`,
    paymentNotifyUrl: `${shop.url}/antom/notifications?order=${paymentRequestId}`,
    ...extra,
  } as any);
  const choice = await fetch(created.normalUrl!, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
  });
  expect(choice.status).toBe(303);
  return created.paymentId!;
}

const found = (kind: string, id: string) => () => seen.filter((s) => s.kind === kind && s.id === id);

describe('notifications handled by a real createNotificationReceiver', () => {
  it('delivers PAYMENT_RESULT, REFUND_RESULT, CAPTURE_RESULT and DISPUTE_CREATED, each verified and acked', async () => {
    const paymentId = await payThroughCashier('rcv-1', { paymentFactor: { captureMode: 'MANUAL' } });
    await eventually(() => found('PAYMENT_RESULT', 'rcv-1')().length === 1);
    await antom.payments.capture({
      captureRequestId: 'cap-1',
      paymentId,
      captureAmount: { currency: 'EUR', value: '4200' },
    } as any);
    await eventually(() => found('CAPTURE_RESULT', 'cap-1')().length === 1);
    await antom.payments.refund({
      refundRequestId: 'ref-1',
      paymentId,
      refundAmount: { currency: 'EUR', value: '200' },
    } as any);
    await eventually(() => found('REFUND_RESULT', 'ref-1')().length === 1);
    expect(found('REFUND_RESULT', 'ref-1')()[0]!.result).toBe('SUCCESS');
    await fetch(`${sandbox.url}/_sandbox/payments/${paymentId}/dispute`, { method: 'POST' });
    await eventually(() => found('DISPUTE_CREATED', paymentId)().length === 1);

    await sandbox.notifications.idle();
    const mine = sandbox.notifications.list().filter((n) => n.relatedId === paymentId);
    expect(mine.map((n) => n.type)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT', 'REFUND_RESULT', 'DISPUTE_CREATED']);
    expect(mine.every((n) => n.state === 'acked' && n.attempts.length === 1)).toBe(true);
    expect(shop.replies.every((r) => r.status === 200)).toBe(true);
  });

  it('retries after a failed handler until it succeeds; the handler result counts once', async () => {
    failNextPayment = true;
    const paymentId = await payThroughCashier('rcv-2');
    await eventually(() => found('PAYMENT_RESULT', 'rcv-2')().length === 1);
    await sandbox.notifications.idle();
    const record = sandbox.notifications.list().find((n) => n.relatedId === paymentId)!;
    expect(record.state).toBe('acked');
    expect(record.attempts.map((a) => [a.status, a.acked])).toEqual([
      [500, false],
      [200, true],
    ]);
  });

  it('runs the handler once when the sandbox delivers a duplicate', async () => {
    sandbox.faults.next({ kind: 'duplicate', notifyType: 'PAYMENT_RESULT' });
    const paymentId = await payThroughCashier('rcv-3');
    await eventually(() => sandbox.notifications.list().find((n) => n.relatedId === paymentId)?.attempts.length === 2);
    await sandbox.notifications.idle();
    await new Promise((r) => setTimeout(r, 50));
    expect(found('PAYMENT_RESULT', 'rcv-3')()).toHaveLength(1);
    const record = sandbox.notifications.list().find((n) => n.relatedId === paymentId)!;
    expect(record.attempts.map((a) => a.trigger).sort()).toEqual(['duplicate', 'scheduled']);
    expect(record.attempts.every((a) => a.acked)).toBe(true);
  });

  it('a receiver with another Antom key refuses every notification, so the sandbox keeps retrying', async () => {
    const { generateKeyPairPem } = await import('./keys');
    const stranger = await startReceiverServer(
      sandbox,
      (r) =>
        r.on('PAYMENT_RESULT', () => {
          throw new Error('must never run');
        }),
      { antomPublicKey: generateKeyPairPem().publicKey },
    );
    try {
      const created = await antom.payments.pay({
        productCode: 'CASHIER_PAYMENT',
        paymentRequestId: 'rcv-4',
        order: { referenceOrderId: 'rcv-4', orderAmount: { currency: 'EUR', value: '100' } },
        paymentAmount: { currency: 'EUR', value: '100' },
        paymentMethod: { paymentMethodType: 'CARD' },
        paymentRedirectUrl: `${stranger.url}/back`,
        paymentNotifyUrl: `${stranger.url}/antom/notifications`,
      } as any);
      await fetch(created.normalUrl!, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=pay',
      });
      await eventually(() => stranger.replies.length >= 2);
      expect(stranger.replies.every((r) => r.status === 401)).toBe(true);
      const record = sandbox.notifications.list().find((n) => n.relatedId === created.paymentId)!;
      expect(record.state).toBe('pending');
    } finally {
      await stranger.close();
    }
  });
});
