import type { Amount, InquiryPaymentResponse, PaymentStatus } from '@antomkit/core';

/** An order as the app's database has it. The amount is the server's; nothing here comes from the browser. */
export interface ResolvedOrder {
  orderId: string;
  amount: Amount;
  description: string;
  /** The current payment attempt's id, when the app already stored one (status, return and refund use it). */
  paymentRequestId?: string;
  /** Antom's paymentId once known; refunds inquire for it otherwise. */
  paymentId?: string;
}

export interface PaymentStatusUpdate {
  orderId: string;
  paymentRequestId: string;
  paymentId?: string;
  paymentStatus: PaymentStatus;
  /** Which route learned it: the buyer's return, or a status poll. */
  source: 'return' | 'status';
  inquiry: InquiryPaymentResponse;
}

export interface CheckoutResult {
  paymentRequestId: string;
  redirectUrl: string;
  paymentId?: string;
  paymentSessionId?: string;
  paymentSessionData?: string;
}

export interface RefundPlan {
  refundRequestId: string;
  amount: Amount;
  paymentId?: string;
}

export type RefundAuthorization = boolean | 'unauthenticated' | 'forbidden';
