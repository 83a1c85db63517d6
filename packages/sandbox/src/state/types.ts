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
  /** The part of `refunded` paid from funds not settled yet. */
  refundedUnsettled: bigint;
  /** Taken from unsettled funds by chargebacks (minor units); not settleable. */
  disputed: bigint;
  /** Marketplace: the seller this payment was made for (`order.merchant.referenceMerchantId`). */
  referenceMerchantId?: string;
  settlementCurrency?: string;
  /** Epoch ms after which `/v1/payments/settle` is allowed (paymentTime + a time-scaled delay). */
  earliestSettlementAt?: number;
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
  /** Marketplace: which balances paid for it (unsettled funds first, then the seller, then the marketplace). */
  fundedFrom?: Array<{ account: string; value: string }>;
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
  /** The balance the disputed amount was taken from. */
  account?: string;
  judgedResult?: 'ACCEPT_BY_CUSTOMER' | 'ACCEPT_BY_MERCHANT';
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
  reasonCode?: 'MISSING_OR_INCORRECT_INFO' | 'REJECT_FOR_RISK' | 'REGISTRATION_FAILED';
  reasonMessage?: string;
  settlementInfos: unknown[];
  /** settlementInfo/update requests by updateRequestId. */
  updates: Map<string, { fingerprint: string; status: 'PROCESSING' | 'SUCCESSFUL' | 'FAILED' }>;
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
  /** Ledger accounts: `MARKETPLACE` or `SELLER:<referenceMerchantId>`; `to` is empty for a payout to a bank. */
  from: string;
  to?: string;
  createdAt: string;
  fingerprint: string;
  response: Record<string, unknown>;
}

/** One movement on a balance; balances are sums of these. */
export interface LedgerEntry {
  owner: Owner;
  /** `MARKETPLACE` or `SELLER:<referenceMerchantId>`. */
  account: string;
  currency: string;
  available: bigint;
  frozen: bigint;
  kind: 'PAYMENT' | 'CAPTURE' | 'REFUND' | 'SETTLEMENT' | 'DISPUTE' | 'DISPUTE_REVERSAL' | 'PAYOUT' | 'TRANSFER';
  ref: string;
  at: string;
}

/** An ISV's merchant: calls with its Agent-Token act on its data only. */
export interface AgentMerchant {
  /** The ISV's client id. */
  clientId: string;
  merchantId: string;
  name: string;
  agentToken: string;
  revoked: boolean;
  createdAt: string;
}
