import type { NotificationHandlers } from '@antomkit/core';
import { paymentResultFromNotification, refundResultFromNotification } from './notifications';
import type { OrderStore } from './orders';

/**
 * The notification handlers every shop registers: orders change here and only here, each in one transaction
 * that also records the notification's key, so a replay (even after a restart) changes nothing.
 */
export function orderNotificationHandlers(
  orders: OrderStore,
  log: ((line: string) => void) | false = console.log,
): Required<Pick<NotificationHandlers, 'PAYMENT_RESULT' | 'REFUND_RESULT'>> {
  const report = (line: string) => {
    if (log) log(line);
  };
  return {
    PAYMENT_RESULT: async (n) => {
      const { applied } = await orders.applyPaymentResult(paymentResultFromNotification(n));
      report(
        `PAYMENT_RESULT ${n.paymentRequestId} ${n.result.resultStatus}: ${applied ? 'applied' : 'already applied'}`,
      );
    },
    REFUND_RESULT: async (n) => {
      const { applied } = await orders.applyRefundResult(refundResultFromNotification(n));
      report(`REFUND_RESULT ${n.refundRequestId} ${n.refundStatus}: ${applied ? 'applied' : 'already applied'}`);
    },
  };
}
