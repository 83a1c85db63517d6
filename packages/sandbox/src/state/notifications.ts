import { antomTime } from '../time';
import type { Capture, Dispute, Payment, Refund, Settlement, SubMerchant } from './types';

const ok = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' };

export function paymentResult(p: Payment): Record<string, unknown> {
  const succeeded = p.status === 'SUCCESS';
  return {
    notifyType: 'PAYMENT_RESULT',
    result: succeeded ? ok : { resultCode: p.resultCode, resultStatus: 'F', resultMessage: p.resultMessage },
    paymentRequestId: p.paymentRequestId,
    paymentId: p.paymentId,
    paymentAmount: p.paymentAmount,
    paymentCreateTime: p.createdAt,
    ...(p.paymentTime ? { paymentTime: p.paymentTime } : {}),
    ...(p.earliestSettlementAt !== undefined ? { earliestSettlementTime: antomTime(p.earliestSettlementAt) } : {}),
    paymentMethodType: p.paymentMethodType,
  };
}

export function captureResult(c: Capture): Record<string, unknown> {
  return {
    notifyType: 'CAPTURE_RESULT',
    result: ok,
    captureRequestId: c.captureRequestId,
    paymentId: c.paymentId,
    captureId: c.captureId,
    captureAmount: c.captureAmount,
    captureTime: c.captureTime,
  };
}

export function refundResult(r: Refund): Record<string, unknown> {
  return {
    notifyType: 'REFUND_RESULT',
    result: ok,
    refundStatus: r.status,
    refundRequestId: r.refundRequestId,
    refundId: r.refundId,
    refundAmount: r.refundAmount,
    refundTime: r.refundTime,
  };
}

/** Antom's dispute notifications carry `disputeNotificationType` and no `notifyType`. */
export function disputeNotification(d: Dispute, type: string): Record<string, unknown> {
  return {
    disputeNotificationType: type,
    paymentRequestId: d.paymentRequestId,
    paymentId: d.paymentId,
    disputeId: d.disputeId,
    disputeTime: d.disputeTime,
    disputeAmount: d.disputeAmount,
    disputeReasonCode: d.disputeReasonCode,
    disputeSource: 'Visa',
    defenseDueTime: d.defenseDueTime,
    ...(d.judgedResult
      ? {
          disputeJudgedResult: d.judgedResult,
          disputeJudgedAmount: d.disputeAmount,
          disputeJudgedTime: d.resolutionTime,
        }
      : {}),
  };
}

export function settlementResult(s: Settlement, detail: Settlement['details'][number], at: string) {
  return {
    notifyType: 'SETTLEMENT_RESULT',
    result: ok,
    settlementRequestId: s.settlementRequestId,
    settlementBatchId: s.settlementId,
    paymentId: s.paymentId,
    settleTo: detail.settleTo,
    ...(detail.referenceMerchantId ? { referenceMerchantId: detail.referenceMerchantId } : {}),
    actualSettlementAmount: detail.settlementAmount,
    settlementArrivalTime: at,
  };
}

export function registrationResult(s: SubMerchant) {
  return {
    notifyType: 'REGISTRATION_RESULT',
    result: ok,
    registrationRequestId: s.registrationRequestId,
    referenceMerchantId: s.referenceMerchantId,
    registrationStatus: s.registrationStatus,
    ...(s.reasonCode ? { reasonCode: s.reasonCode, reasonMessage: s.reasonMessage } : {}),
  };
}

export function settlementInfoUpdateResult(
  s: SubMerchant,
  updateRequestId: string,
  updateStatus: string,
  reason?: { reasonCode: string; reasonMessage: string },
) {
  return {
    notifyType: 'SETTLEMENT_INFO_UPDATE_RESULT',
    result: ok,
    referenceMerchantId: s.referenceMerchantId,
    updateRequestId,
    updateStatus,
    ...(reason ?? {}),
  };
}
