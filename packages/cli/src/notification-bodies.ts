import { NOTIFICATION_KINDS, type NotificationKind } from '@antomkit/core';
import { notificationFixtures } from '@antomkit/core/testing';

export interface NotificationInput {
  type: string;
  paymentRequestId?: string;
  amount: { currency: string; value: string };
  /** S (default) or F. */
  result: 'S' | 'F';
}

/** Every --type antom notify knows: the kinds core's receiver dispatches. */
export const NOTIFICATION_TYPES: readonly string[] = NOTIFICATION_KINDS.filter((kind) => kind !== 'UNKNOWN');

const AMOUNT_FIELDS = [
  'paymentAmount',
  'captureAmount',
  'refundAmount',
  'disputeAmount',
  'actualSettlementAmount',
  'grossSettlementAmount',
] as const;

/**
 * A realistic body for any notification Antom sends: core's testing fixture for the kind, with the payment
 * request id, amount and outcome the user asked for wherever that kind carries them.
 */
export function notificationBody(input: NotificationInput): Record<string, unknown> {
  if (!NOTIFICATION_TYPES.includes(input.type)) throw new Error(`unknown notification type ${input.type}`);
  const fixture = notificationFixtures[input.type as Exclude<NotificationKind, 'UNKNOWN'>] as () => Record<
    string,
    unknown
  >;
  const body = fixture();
  if (input.paymentRequestId && 'paymentRequestId' in body) body.paymentRequestId = input.paymentRequestId;
  for (const field of AMOUNT_FIELDS) if (field in body) body[field] = input.amount;
  if (input.result === 'F') {
    if ('result' in body) {
      const code = input.type === 'REFUND_RESULT' ? 'REFUND_FAILED' : 'PROCESS_FAIL';
      body.result = { resultCode: code, resultStatus: 'F', resultMessage: 'failed' };
    }
    if ('refundStatus' in body) body.refundStatus = 'FAIL';
    delete body.paymentTime;
  }
  return body;
}
