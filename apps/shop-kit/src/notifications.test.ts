import { describe, expect, it } from 'vitest';
import { paymentResultFromNotification, refundResultFromNotification } from './notifications';

describe('notification -> order update', () => {
  const base = { paymentRequestId: 'ord_1_p1', paymentId: 'pay_1' };
  it('maps S to SUCCESS, F + ORDER_IS_CLOSED to CANCELLED, any other F to FAIL, U to PROCESSING', () => {
    const outcome = (resultStatus: string, resultCode?: string) =>
      paymentResultFromNotification({ ...base, result: { resultStatus, ...(resultCode ? { resultCode } : {}) } })
        .outcome;
    expect(outcome('S', 'SUCCESS')).toBe('SUCCESS');
    expect(outcome('F', 'ORDER_IS_CLOSED')).toBe('CANCELLED');
    expect(outcome('F', 'PROCESS_FAIL')).toBe('FAIL');
    expect(outcome('U', 'UNKNOWN_EXCEPTION')).toBe('PROCESSING');
  });

  it('keys a notification by kind, id and status, so only a replay of the same outcome collides', () => {
    const paid = paymentResultFromNotification({ ...base, result: { resultStatus: 'S', resultCode: 'SUCCESS' } });
    const failed = paymentResultFromNotification({
      ...base,
      result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL' },
    });
    expect(paid.notificationKey).toBe(
      paymentResultFromNotification({ ...base, result: { resultStatus: 'S', resultCode: 'SUCCESS' } }).notificationKey,
    );
    expect(paid.notificationKey).not.toBe(failed.notificationKey);
    const refund = refundResultFromNotification({
      refundRequestId: 'ord_1_r1',
      refundId: 'rf_1',
      refundStatus: 'SUCCESS',
    });
    expect(refund).toEqual({
      refundRequestId: 'ord_1_r1',
      refundId: 'rf_1',
      outcome: 'SUCCESS',
      notificationKey: 'REFUND_RESULT:rf_1:SUCCESS',
    });
    expect(refundResultFromNotification({ refundRequestId: 'r', refundStatus: 'FAIL' }).outcome).toBe('FAIL');
  });
});
