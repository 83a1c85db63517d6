import type {
  Amount,
  AntomResponse,
  Buyer,
  BuyerRedirect,
  DateTime,
  Env,
  Order,
  PaymentMethod,
  Quote,
  RedirectActionForm,
  SettlementStrategy,
} from './common';

export type ProductCode = 'CASHIER_PAYMENT' | 'AGREEMENT_PAYMENT' | 'IN_STORE_PAYMENT' | (string & {});
export type PaymentStatus = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING' | (string & {});
export type CaptureMode = 'AUTOMATIC' | 'MANUAL';

export interface PaymentFactor {
  isAuthorization?: boolean;
  captureMode?: CaptureMode;
  isPaymentEvaluation?: boolean;
  inStorePaymentScenario?: string;
  presentmentMode?: string;
}

/** Card results (3DS, AVS, CVV, network transaction id) when the method was a card. */
export type PaymentResultInfo = Record<string, unknown>;

export interface PaymentOption {
  paymentMethodType: string;
  paymentMethodCategory?: string;
  enabled?: boolean;
  preferred?: boolean;
  disableReason?: string;
  amountLimitInfoMap?: Record<string, unknown>;
  supportedCurrencies?: string[];
  paymentOptionDetail?: Record<string, unknown>;
  logo?: { logoName?: string; logoUrl?: string };
  promoNames?: string[];
  installment?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ConsultPaymentRequest {
  productCode: ProductCode;
  paymentAmount: Amount;
  env?: Env;
  allowedPaymentMethodRegions?: string[];
  allowedPaymentMethods?: string[];
  blockedPaymentMethods?: string[];
  merchantRegion?: string;
  userRegion?: string;
  settlementStrategy?: SettlementStrategy;
  buyer?: Buyer;
  customerId?: string;
  merchantAccountId?: string;
  paymentFactor?: PaymentFactor;
  extendInfo?: string;
}

export interface ConsultPaymentResponse extends AntomResponse {
  paymentOptions?: PaymentOption[];
  paymentMethodInfos?: Record<string, unknown>[];
  extendInfo?: string;
}

export interface PayRequest {
  productCode: ProductCode;
  /** Your idempotency key (≤64 chars): reuse it on every retry of the same payment, never change the amount under it. */
  paymentRequestId: string;
  order: Order;
  paymentAmount: Amount;
  paymentMethod: PaymentMethod;
  paymentRedirectUrl?: string;
  paymentNotifyUrl?: string;
  paymentExpiryTime?: DateTime;
  env?: Env;
  settlementStrategy?: SettlementStrategy;
  paymentFactor?: PaymentFactor;
  creditPayPlan?: Record<string, unknown>;
  merchantRegion?: string;
  userRegion?: string;
  merchantAccountId?: string;
  appId?: string;
  extendInfo?: string;
  metadata?: string;
  paymentVerificationData?: Record<string, unknown>;
  subIndustry?: string;
}

export interface PayResponse extends AntomResponse, BuyerRedirect {
  paymentRequestId?: string;
  paymentId?: string;
  paymentAmount?: Amount;
  actualPaymentAmount?: Amount;
  paymentQuote?: Quote;
  paymentCreateTime?: DateTime;
  paymentTime?: DateTime;
  authExpiryTime?: DateTime;
  paymentExpiryTime?: DateTime;
  redirectActionForm?: RedirectActionForm;
  orderCodeForm?: Record<string, unknown>;
  paymentActionForm?: string;
  challengeActionForm?: Record<string, unknown>;
  paymentResultInfo?: PaymentResultInfo;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  extendInfo?: string;
}

export interface CreatePaymentSessionRequest {
  productCode: ProductCode;
  paymentRequestId: string;
  order: Order;
  paymentAmount: Amount;
  paymentMethod?: PaymentMethod;
  paymentRedirectUrl: string;
  paymentNotifyUrl?: string;
  paymentSessionExpiryTime?: DateTime;
  productScene?: 'CHECKOUT_PAYMENT' | 'ELEMENT_PAYMENT' | (string & {});
  locale?: string;
  availablePaymentMethod?: Record<string, unknown>;
  env?: Env;
  settlementStrategy?: SettlementStrategy;
  paymentFactor?: PaymentFactor;
  enableInstallmentCollection?: boolean;
  merchantRegion?: string;
  userRegion?: string;
  merchantAccountId?: string;
  allowedPaymentMethodRegions?: string[];
  extendInfo?: string;
  metadata?: string;
}

export interface CreatePaymentSessionResponse extends AntomResponse {
  paymentSessionData?: string;
  paymentSessionId?: string;
  paymentSessionExpiryTime?: DateTime;
  normalUrl?: string;
}

export interface RetrievePaymentSessionRequest {
  paymentSessionId?: string;
  paymentRequestId?: string;
}

export interface RetrievePaymentSessionResponse extends AntomResponse {
  paymentSessionId?: string;
  paymentSessionStatus?: string;
  paymentSessionExpiryTime?: DateTime;
  paymentRequestId?: string;
  [field: string]: unknown;
}

/** Give paymentId or paymentRequestId; paymentId wins when both are present. */
export interface InquiryPaymentRequest {
  paymentRequestId?: string;
  paymentId?: string;
  merchantAccountId?: string;
}

export interface Transaction {
  transactionResult?: { resultCode: string; resultStatus: string; resultMessage: string };
  transactionId?: string;
  transactionRequestId?: string;
  transactionType?: 'PAYMENT' | 'CANCEL' | 'AUTHORIZATION' | 'CAPTURE' | 'VOID' | 'REFUND' | (string & {});
  transactionStatus?: PaymentStatus;
  transactionAmount?: Amount;
  transactionTime?: DateTime;
  [field: string]: unknown;
}

export interface InquiryPaymentResponse extends AntomResponse {
  paymentStatus?: PaymentStatus;
  paymentResultCode?: string;
  paymentResultMessage?: string;
  paymentRequestId?: string;
  paymentId?: string;
  authPaymentId?: string;
  paymentAmount?: Amount;
  actualPaymentAmount?: Amount;
  paymentQuote?: Quote;
  authExpiryTime?: DateTime;
  paymentCreateTime?: DateTime;
  paymentTime?: DateTime;
  nonGuaranteeCouponAmount?: Amount;
  pspCustomerInfo?: Record<string, unknown>;
  redirectActionForm?: RedirectActionForm;
  extendInfo?: string;
  transactions?: Transaction[];
  customsDeclarationAmount?: Amount;
  grossSettlementAmount?: Amount;
  settlementQuote?: Quote;
  paymentResultInfo?: Record<string, unknown>;
  paymentMethodType?: string;
  /** Marketplace: settle is allowed only after this time. */
  earliestSettlementTime?: DateTime;
  metadata?: string;
}

export interface CancelRequest {
  paymentId?: string;
  paymentRequestId?: string;
  merchantAccountId?: string;
}

export interface CancelResponse extends AntomResponse {
  paymentId?: string;
  paymentRequestId?: string;
  cancelTime?: DateTime;
}

export interface CaptureRequest {
  captureRequestId: string;
  paymentId: string;
  captureAmount: Amount;
  isLastCapture?: boolean;
}

export interface CaptureResponse extends AntomResponse {
  captureRequestId?: string;
  captureId?: string;
  paymentId?: string;
  captureAmount?: Amount;
  captureTime?: DateTime;
  acquirerReferenceNo?: string;
}

export interface UpdateAmountRequest {
  updateRequestId?: string;
  paymentId: string;
  paymentRequestId?: string;
  paymentAmount: Amount;
}

export interface UpdateAmountResponse extends AntomResponse {
  status?: string;
  paymentId?: string;
  paymentRequestId?: string;
  paymentAmount?: Amount;
}
