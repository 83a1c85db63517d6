import type { Amount, AntomResponse, DateTime, Quote } from './common';

export type RefundStatus = 'SUCCESS' | 'FAIL' | 'PROCESSING' | (string & {});

export interface RefundRequest {
  /** Your idempotency key (≤64 chars): reuse it on every retry of the same refund. */
  refundRequestId: string;
  paymentId: string;
  refundAmount: Amount;
  referenceRefundId?: string;
  refundReason?: string;
  refundNotifyUrl?: string;
  isAsyncRefund?: boolean;
  extendInfo?: string;
  refundDetails?: Record<string, unknown>[];
  refundSourceAccountNo?: string;
}

export interface RefundResponse extends AntomResponse {
  refundRequestId?: string;
  refundId?: string;
  paymentId?: string;
  refundAmount?: Amount;
  refundTime?: DateTime;
  refundNonGuaranteeCouponAmount?: Amount;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  acquirerReferenceNo?: string;
}

/** Give refundRequestId or refundId. */
export interface InquiryRefundRequest {
  refundRequestId?: string;
  refundId?: string;
  merchantAccountId?: string;
}

export interface InquiryRefundResponse extends AntomResponse {
  refundId?: string;
  refundRequestId?: string;
  refundAmount?: Amount;
  refundStatus?: RefundStatus;
  refundTime?: DateTime;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  acquirerInfo?: Record<string, unknown>;
  arn?: string;
}
