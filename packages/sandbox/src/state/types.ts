export interface Amount {
  currency: string;
  value: string;
}

export type PaymentStatus = 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCELLED' | 'PENDING';

/** Who owns a record: the merchant's client id today; an ISV's merchant later. */
export type Owner = string;

export interface Payment {
  owner: Owner;
  paymentId: string;
  paymentRequestId: string;
  productCode: string;
  paymentAmount: Amount;
  paymentMethodType: string;
  paymentMethodId?: string;
  orderDescription?: string;
  referenceOrderId?: string;
  merchantName: string;
  paymentRedirectUrl?: string;
  paymentNotifyUrl?: string;
  captureMode: 'AUTOMATIC' | 'MANUAL';
  status: PaymentStatus;
  resultCode: string;
  resultMessage: string;
  createdAt: string;
  paymentTime?: string;
  cancelTime?: string;
  expiresAt: number;
  /** Captured so far (minor units); equals the amount once an automatic capture ran. */
  captured: bigint;
  refunded: bigint;
  settled: bigint;
  paymentSessionId?: string;
  /** Canonical fields of the first request, to detect REPEAT_REQ_INCONSISTENT. */
  fingerprint: string;
  /** The response body the first request got, replayed on a repeat. */
  response: Record<string, unknown>;
}

export interface Capture {
  owner: Owner;
  captureId: string;
  captureRequestId: string;
  paymentId: string;
  captureAmount: Amount;
  captureTime: string;
  fingerprint: string;
  response: Record<string, unknown>;
}

export interface Refund {
  owner: Owner;
  refundId: string;
  refundRequestId: string;
  paymentId: string;
  refundAmount: Amount;
  refundReason?: string;
  refundNotifyUrl?: string;
  status: 'SUCCESS' | 'FAIL' | 'PROCESSING';
  refundTime: string;
  fingerprint: string;
  response: Record<string, unknown>;
}

export type DisputeStatus = 'OPEN' | 'ACCEPTED' | 'DEFENDED' | 'JUDGED';

export interface Dispute {
  owner: Owner;
  disputeId: string;
  paymentId: string;
  paymentRequestId: string;
  disputeAmount: Amount;
  disputeReasonCode: string;
  disputeTime: string;
  defenseDueTime: string;
  status: DisputeStatus;
  resolutionTime?: string;
  evidence?: string;
}

export interface Authorization {
  owner: Owner;
  authId: string;
  customerBelongsTo: string;
  scopes: string[];
  authState?: string;
  authRedirectUrl?: string;
  authNotifyUrl?: string;
  authCode?: string;
  codeUsed: boolean;
  accessToken?: string;
  refreshToken?: string;
  accessTokenExpiryTime?: string;
  refreshTokenExpiryTime?: string;
  userLoginId: string;
  status: 'PENDING' | 'AUTHORIZED' | 'TOKEN_ISSUED' | 'REVOKED';
}

export interface Settlement {
  owner: Owner;
  settlementId: string;
  settlementRequestId: string;
  paymentId: string;
  details: Array<{ settleTo: string; settlementAmount: Amount; referenceMerchantId?: string }>;
  createdAt: string;
  fingerprint: string;
  response: Record<string, unknown>;
}

export interface SubMerchant {
  owner: Owner;
  referenceMerchantId: string;
  registrationRequestId: string;
  registrationStatus: 'PROCESSING' | 'SUCCESSFUL' | 'FAILED';
  settlementInfos: unknown[];
  createdAt: string;
  fingerprint: string;
  response: Record<string, unknown>;
}

export interface Transfer {
  owner: Owner;
  transferId: string;
  transferRequestId: string;
  kind: 'PAYOUT' | 'TRANSFER';
  amount: Amount;
  createdAt: string;
  fingerprint: string;
  response: Record<string, unknown>;
}
