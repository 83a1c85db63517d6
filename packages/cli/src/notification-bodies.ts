import { randomUUID } from 'node:crypto';

export interface NotificationInput {
  type: string;
  paymentRequestId?: string;
  amount: { currency: string; value: string };
  /** S (default) or F. */
  result: 'S' | 'F';
  now: Date;
}

const DISPUTE = [
  'DISPUTE_CREATED',
  'DISPUTE_JUDGED',
  'DISPUTE_CANCELLED',
  'DEFENSE_SUPPLIED',
  'DEFENSE_DUE_ALERT',
  'DISPUTE_ACCEPTED',
  'RDR_RESOLVED',
];
const AUTHORIZATION = ['AUTHCODE_CREATED', 'TOKEN_CREATED', 'TOKEN_CANCELED'];
const SUBSCRIPTION = ['CREATE', 'CHANGE', 'CANCEL', 'TERMINATE', 'UPDATE'];

/** Every --type antom notify knows, grouped as Antom names them. */
export const NOTIFICATION_TYPES = [
  'PAYMENT_RESULT',
  'PAYMENT_PENDING',
  'CAPTURE_RESULT',
  'REFUND_RESULT',
  'VAULTING_RESULT',
  ...DISPUTE,
  ...AUTHORIZATION,
  ...SUBSCRIPTION.map((t) => `SUBSCRIPTION_${t}`),
];

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const id = (prefix: string) => `${prefix}${Date.now()}${randomUUID().replace(/-/g, '').slice(0, 8)}`;

/** A realistic body for any notification Antom sends, shaped as in Antom's notification docs. */
export function notificationBody(input: NotificationInput): Record<string, unknown> {
  const { type, amount, now } = input;
  const paymentRequestId = input.paymentRequestId ?? id('pay_');
  const paymentId = id('2024');
  const ok = input.result === 'S';
  const result = ok
    ? { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }
    : {
        resultCode: type === 'REFUND_RESULT' ? 'REFUND_FAILED' : 'PAYMENT_FAILED',
        resultStatus: 'F',
        resultMessage: 'failed',
      };
  const time = iso(now);
  switch (type) {
    case 'PAYMENT_RESULT':
    case 'PAYMENT_PENDING':
      return {
        notifyType: type,
        result:
          type === 'PAYMENT_PENDING'
            ? { resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'S', resultMessage: 'processing' }
            : result,
        paymentRequestId,
        paymentId,
        paymentAmount: amount,
        paymentCreateTime: time,
        ...(ok && type === 'PAYMENT_RESULT' ? { paymentTime: time } : {}),
        paymentMethodType: 'CARD',
      };
    case 'CAPTURE_RESULT':
      return {
        notifyType: type,
        result,
        captureRequestId: id('cap_'),
        paymentId,
        captureId: id('cap'),
        captureAmount: amount,
        captureTime: time,
      };
    case 'REFUND_RESULT':
      return {
        notifyType: type,
        result,
        refundStatus: ok ? 'SUCCESS' : 'FAIL',
        refundRequestId: id('ref_'),
        refundId: id('ref'),
        refundAmount: amount,
        refundTime: time,
        paymentRequestId,
      };
    case 'VAULTING_RESULT':
      return {
        notifyType: type,
        result,
        vaultingRequestId: id('vault_'),
        paymentMethodDetail: { paymentMethodType: 'CARD', card: { cardToken: id('tok_') } },
      };
  }
  if (DISPUTE.includes(type)) {
    return {
      disputeNotificationType: type,
      paymentRequestId,
      paymentId,
      disputeId: id('dsp'),
      disputeTime: time,
      disputeAmount: amount,
      disputeReasonCode: '4853',
      disputeSource: 'VISA',
      defenseDueTime: iso(new Date(now.getTime() + 7 * 86_400_000)),
      ...(type === 'DISPUTE_JUDGED' ? { disputeJudgedResult: 'ACCEPT_BY_MERCHANT', disputeJudgedAmount: amount } : {}),
    };
  }
  if (AUTHORIZATION.includes(type)) {
    return {
      authorizationNotifyType: type,
      authClientId: 'auth_client',
      authCode: id('code_'),
      ...(type === 'TOKEN_CREATED' ? { accessToken: id('tok_'), authState: 'STATE' } : {}),
      ...(type === 'TOKEN_CANCELED' ? { reason: 'user cancelled' } : {}),
    };
  }
  const sub = type.replace(/^SUBSCRIPTION_/, '');
  if (SUBSCRIPTION.includes(sub)) {
    return {
      subscriptionNotificationType: sub,
      subscriptionId: id('sub'),
      subscriptionRequestId: id('subreq_'),
      subscriptionStatus: sub === 'CANCEL' || sub === 'TERMINATE' ? 'TERMINATED' : 'ACTIVE',
    };
  }
  throw new Error(`unknown notification type ${type}`);
}
