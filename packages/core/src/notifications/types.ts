import type { Amount, DateTime, Quote, Result } from '../api/common';
import type { PaymentResultInfo } from '../api/payments';
import type { PaymentMethodDetail } from '../api/vaults';

/** Fields Antom may add later stay readable; the documented ones are typed. */
interface Open {
  [field: string]: unknown;
}

/** notifyPayment: `notifyType` PAYMENT_RESULT | PAYMENT_PENDING | OFFLINE_PAYMENT_CODE. */
export interface PaymentNotificationBody extends Open {
  notifyType: 'PAYMENT_RESULT' | 'PAYMENT_PENDING' | 'OFFLINE_PAYMENT_CODE';
  /** The payment's outcome: S succeeded, F failed; with PAYMENT_PENDING, S means "still processing". */
  result: Result;
  paymentRequestId: string;
  paymentId: string;
  paymentAmount: Amount;
  actualPaymentAmount?: Amount;
  paymentCreateTime?: DateTime;
  paymentTime?: DateTime;
  customsDeclarationAmount?: Amount;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  paymentQuote?: Quote;
  paymentResultInfo?: PaymentResultInfo;
  paymentMethodType?: string;
  pspCustomerInfo?: Record<string, unknown>;
  /** Marketplace: when `/v1/payments/settle` may be called. */
  earliestSettlementTime?: DateTime;
  /** OFFLINE_PAYMENT_CODE: the code (and its expiry) the buyer pays with at a store or bank. */
  paymentCode?: string;
  paymentCodeForm?: Record<string, unknown>;
  metadata?: string;
  /** Sent by some products (ABA notifyDirectPayment) instead of, or besides, `result`. */
  paymentStatus?: 'SUCCESS' | 'FAIL' | (string & {});
  paymentResultCode?: string;
  paymentResultMessage?: string;
}

/** notifyCapture. */
export interface CaptureNotificationBody extends Open {
  notifyType: 'CAPTURE_RESULT';
  result: Result;
  captureRequestId: string;
  paymentId: string;
  captureId?: string;
  captureAmount: Amount;
  captureTime?: DateTime;
  acquirerReferenceNo?: string;
}

/** notifyRefund. */
export interface RefundNotificationBody extends Open {
  notifyType: 'REFUND_RESULT';
  result: Result;
  refundStatus: 'SUCCESS' | 'FAIL' | (string & {});
  refundRequestId: string;
  refundId: string;
  refundAmount: Amount;
  refundTime?: DateTime;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  arn?: string;
}

/** notifyAuthorization (dashboard notification URL). `accessToken` is a secret: do not log it. */
export interface AuthorizationNotificationBody extends Open {
  authorizationNotifyType: 'AUTHCODE_CREATED' | 'TOKEN_CREATED' | 'TOKEN_CANCELED';
  authClientId?: string;
  authCode?: string;
  authState?: string;
  accessToken?: string;
  userLoginId?: string;
  reason?: string;
}

export type DisputeNotificationType =
  | 'DISPUTE_CREATED'
  | 'DISPUTE_JUDGED'
  | 'DISPUTE_CANCELLED'
  | 'DEFENSE_SUPPLIED'
  | 'DEFENSE_DUE_ALERT'
  | 'DISPUTE_ACCEPTED'
  | 'RDR_RESOLVED';

/** notifyDispute (dashboard notification URL). It carries no `notifyType`; `disputeNotificationType` says what happened. */
export interface DisputeNotificationBody extends Open {
  disputeNotificationType: DisputeNotificationType;
  paymentRequestId: string;
  paymentId: string;
  disputeId: string;
  disputeTime?: DateTime;
  disputeAmount?: Amount;
  disputeReasonCode?: string;
  disputeReasonMsg?: string;
  disputeSource?: string;
  defenseDueTime?: DateTime;
  defendable?: boolean | 'true' | 'false';
  disputeJudgedTime?: DateTime;
  disputeJudgedAmount?: Amount;
  disputeJudgedResult?:
    | 'ACCEPT_BY_CUSTOMER'
    | 'ACCEPT_BY_MERCHANT'
    | 'VALIDATE_SUCCESS'
    | 'VALIDATE_FAIL'
    | (string & {});
  disputeType?: string;
  arn?: string;
}

/** notifyVaulting: no type field; recognised by `vaultingRequestId`. */
export interface VaultingNotificationBody extends Open {
  result: Result;
  vaultingRequestId: string;
  vaultingStatus?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | (string & {});
  paymentMethodDetail: PaymentMethodDetail;
  vaultingCreateTime?: DateTime;
  acquirerInfo?: Record<string, unknown>;
}

export type SubscriptionNotificationType = 'CREATE' | 'CHANGE' | 'CANCEL' | 'TERMINATE' | 'UPDATE';

/** notifySubscription: `subscriptionNotificationType` CREATE | CHANGE | CANCEL | TERMINATE | UPDATE. */
export interface SubscriptionNotificationBody extends Open {
  subscriptionNotificationType: SubscriptionNotificationType;
  subscriptionRequestId: string;
  subscriptionId: string;
  subscriptionStatus: 'ACTIVE' | 'TERMINATED' | 'CANCELLED' | (string & {});
  subscriptionChangeRequestId?: string;
  subscriptionStartTime?: DateTime;
  subscriptionEndTime?: DateTime;
  periodRule?: { periodType?: string; periodCount?: number | string };
  paymentMethodType?: string;
  subscriptionAmount?: Amount;
}

/** Marketplace notifyRegistration: `notifyType=REGISTRATION_RESULT`. */
export interface RegistrationNotificationBody extends Open {
  notifyType: 'REGISTRATION_RESULT';
  registrationRequestId: string;
  referenceMerchantId: string;
  registrationStatus: 'SUCCESSFUL' | 'FAILED' | 'PROCESSING' | (string & {});
  reasonCode?: 'MISSING_OR_INCORRECT_INFO' | 'REJECT_FOR_RISK' | 'REGISTRATION_FAILED' | (string & {});
  reasonMessage?: string;
}

/** Alipay+ / ISV notifyRegistrationStatus: no type field; recognised by `registrationResult` or `pspRegistrationResultList`. */
export interface RegistrationStatusNotificationBody extends Open {
  registrationRequestId?: string;
  referenceMerchantId?: string;
  referenceStoreId?: string;
  registrationResult?: { registrationStatus?: string; rejectReason?: string; [f: string]: unknown };
  pspRegistrationResultList?: {
    pspName?: string;
    registrationResult?: Record<string, unknown>;
    [f: string]: unknown;
  }[];
}

/** Marketplace notifyUpdate: `notifyType=SETTLEMENT_INFO_UPDATE_RESULT`, the outcome of `/v1/merchants/settlementInfo/update`. */
export interface SettlementInfoUpdateNotificationBody extends Open {
  notifyType: 'SETTLEMENT_INFO_UPDATE_RESULT';
  referenceMerchantId: string;
  updateRequestId: string;
  updateStatus: 'SUCCESSFUL' | 'FAILED' | 'PROCESSING' | (string & {});
  reasonCode?: string;
  reasonMessage?: string;
}

/** Marketplace notifySettlement: `notifyType=SETTLEMENT_RESULT`. */
export interface SettlementNotificationBody extends Open {
  notifyType: 'SETTLEMENT_RESULT';
  result?: Result;
  settlementRequestId?: string;
  settlementId?: string;
  settlementBatchId?: string;
  settleTo?: 'SELLER' | 'MARKETPLACE' | (string & {});
  referenceMerchantId?: string;
  actualSettlementAmount?: Amount;
  settlementArrivalTime?: DateTime;
}

/** notifyPayout and notifyTransfer (one shape, no type field): recognised by `transferRequestId` + `transferResult`. */
export interface TransferNotificationBody extends Open {
  transferRequestId: string;
  transferId: string;
  transferResult: Result;
  transferFinishTime?: DateTime;
  transferFromDetail?: {
    transferFromMethod?: Record<string, unknown>;
    transferFromAmount?: Amount;
    [f: string]: unknown;
  };
  transferToDetail?: {
    transferToMethod?: Record<string, unknown>;
    transferToCurrency?: string;
    feeAmount?: Amount;
    actualTransferToAmount?: Amount;
    [f: string]: unknown;
  };
  businessSceneCode?: string;
}

/** notifyRiskService: `notificationType=EVIDENCE_READY` when Antom has prepared defence material for a dispute. */
export interface RiskEvidenceNotificationBody extends Open {
  notificationType: 'EVIDENCE_READY';
  disputeId: string;
}

/** What each kind's handler receives: Antom's body, field for field, plus the `kind` the receiver derived. */
export interface NotificationBodies {
  PAYMENT_RESULT: PaymentNotificationBody & { notifyType: 'PAYMENT_RESULT' };
  PAYMENT_PENDING: PaymentNotificationBody & { notifyType: 'PAYMENT_PENDING' };
  OFFLINE_PAYMENT_CODE: PaymentNotificationBody & { notifyType: 'OFFLINE_PAYMENT_CODE' };
  CAPTURE_RESULT: CaptureNotificationBody;
  REFUND_RESULT: RefundNotificationBody;
  AUTHCODE_CREATED: AuthorizationNotificationBody & { authorizationNotifyType: 'AUTHCODE_CREATED' };
  TOKEN_CREATED: AuthorizationNotificationBody & { authorizationNotifyType: 'TOKEN_CREATED' };
  TOKEN_CANCELED: AuthorizationNotificationBody & { authorizationNotifyType: 'TOKEN_CANCELED' };
  DISPUTE_CREATED: DisputeNotificationBody & { disputeNotificationType: 'DISPUTE_CREATED' };
  DISPUTE_JUDGED: DisputeNotificationBody & { disputeNotificationType: 'DISPUTE_JUDGED' };
  DISPUTE_CANCELLED: DisputeNotificationBody & { disputeNotificationType: 'DISPUTE_CANCELLED' };
  DEFENSE_SUPPLIED: DisputeNotificationBody & { disputeNotificationType: 'DEFENSE_SUPPLIED' };
  DEFENSE_DUE_ALERT: DisputeNotificationBody & { disputeNotificationType: 'DEFENSE_DUE_ALERT' };
  DISPUTE_ACCEPTED: DisputeNotificationBody & { disputeNotificationType: 'DISPUTE_ACCEPTED' };
  RDR_RESOLVED: DisputeNotificationBody & { disputeNotificationType: 'RDR_RESOLVED' };
  VAULTING_RESULT: VaultingNotificationBody;
  SUBSCRIPTION_CREATE: SubscriptionNotificationBody & { subscriptionNotificationType: 'CREATE' };
  SUBSCRIPTION_CHANGE: SubscriptionNotificationBody & { subscriptionNotificationType: 'CHANGE' };
  SUBSCRIPTION_CANCEL: SubscriptionNotificationBody & { subscriptionNotificationType: 'CANCEL' };
  SUBSCRIPTION_TERMINATE: SubscriptionNotificationBody & { subscriptionNotificationType: 'TERMINATE' };
  SUBSCRIPTION_UPDATE: SubscriptionNotificationBody & { subscriptionNotificationType: 'UPDATE' };
  REGISTRATION_RESULT: RegistrationNotificationBody;
  REGISTRATION_STATUS: RegistrationStatusNotificationBody;
  SETTLEMENT_INFO_UPDATE_RESULT: SettlementInfoUpdateNotificationBody;
  SETTLEMENT_RESULT: SettlementNotificationBody;
  TRANSFER_RESULT: TransferNotificationBody;
  EVIDENCE_READY: RiskEvidenceNotificationBody;
  /** A verified notification whose type this version does not know yet; `type` holds Antom's type value, if any. */
  UNKNOWN: Open & { type?: string };
}

/** Every notification kind the receiver knows, plus `UNKNOWN`. */
export type NotificationKind = keyof NotificationBodies;

/** The notification of one kind, as a handler receives it. */
export type NotificationOf<K extends NotificationKind> = { kind: K } & NotificationBodies[K];

/** The discriminated union of all notifications: `switch (n.kind)` narrows. */
export type AntomNotification = { [K in NotificationKind]: NotificationOf<K> }[NotificationKind];
