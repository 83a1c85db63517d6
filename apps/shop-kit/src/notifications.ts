import type { PaymentOutcome } from './orders';

/** What a shop stores from a PAYMENT_RESULT notification; the key (kind + id + status) makes a replay a no-op. */
export function paymentResultFromNotification(n: {
  paymentRequestId: string;
  paymentId?: string;
  result: { resultStatus: string; resultCode?: string };
}): { paymentRequestId: string; paymentId?: string; outcome: PaymentOutcome; notificationKey: string } {
  const { resultStatus, resultCode } = n.result;
  // F + ORDER_IS_CLOSED: the buyer cancelled or the payment expired unpaid; any other F is a failed payment.
  const outcome: PaymentOutcome =
    resultStatus === 'S'
      ? 'SUCCESS'
      : resultStatus !== 'F'
        ? 'PROCESSING'
        : resultCode === 'ORDER_IS_CLOSED'
          ? 'CANCELLED'
          : 'FAIL';
  return {
    paymentRequestId: n.paymentRequestId,
    ...(n.paymentId ? { paymentId: n.paymentId } : {}),
    outcome,
    notificationKey: `PAYMENT_RESULT:${n.paymentId ?? n.paymentRequestId}:${resultStatus}:${resultCode ?? ''}`,
  };
}

/** What a shop stores from a REFUND_RESULT notification. */
export function refundResultFromNotification(n: { refundRequestId: string; refundId?: string; refundStatus: string }): {
  refundRequestId: string;
  refundId?: string;
  outcome: 'SUCCESS' | 'FAIL';
  notificationKey: string;
} {
  return {
    refundRequestId: n.refundRequestId,
    ...(n.refundId ? { refundId: n.refundId } : {}),
    outcome: n.refundStatus === 'SUCCESS' ? 'SUCCESS' : 'FAIL',
    notificationKey: `REFUND_RESULT:${n.refundId ?? n.refundRequestId}:${n.refundStatus}`,
  };
}
