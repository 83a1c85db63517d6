import { notificationKind } from '@antomkit/core';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES, notificationBody } from './notification-bodies';

describe('notificationBody', () => {
  it.each(NOTIFICATION_TYPES)('builds a %s body that core dispatches as that kind', (type) => {
    const body = notificationBody({
      type,
      amount: { currency: 'JPY', value: '500' },
      result: 'S',
      paymentRequestId: 'order_1',
    });
    expect(notificationKind(body as never)).toBe(type);
  });

  it('carries the requested amount, payment request id and failure', () => {
    const body = notificationBody({ type: 'REFUND_RESULT', amount: { currency: 'JPY', value: '500' }, result: 'F' });
    expect(body).toMatchObject({
      refundAmount: { currency: 'JPY', value: '500' },
      refundStatus: 'FAIL',
      result: { resultStatus: 'F' },
    });
    const paid = notificationBody({
      type: 'PAYMENT_RESULT',
      amount: { currency: 'USD', value: '7' },
      result: 'S',
      paymentRequestId: 'o1',
    });
    expect(paid).toMatchObject({ paymentRequestId: 'o1', paymentAmount: { currency: 'USD', value: '7' } });
  });
});
