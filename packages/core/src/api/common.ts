/** Every Antom answer carries `result`: whether the *call* worked (S), failed (F) or is unknown (U). */
export interface Result {
  resultCode: string;
  resultStatus: 'S' | 'F' | 'U';
  resultMessage: string;
}

/** Money as Antom sends it: ISO-4217 currency and an integer amount in minor units, as a string ("100" = USD 1.00). */
export interface Amount {
  currency: string;
  value: string;
}

/** Any request body; the `*RequestId` field (paymentRequestId, refundRequestId, ...) is the idempotency key. */
export type AntomRequestBody = Record<string, unknown>;

/** Any Antom answer: `result` plus endpoint-specific fields. */
export interface AntomResponse {
  result: Result;
  [field: string]: unknown;
}

export interface Address {
  region?: string;
  state?: string;
  city?: string;
  address1?: string;
  address2?: string;
  zipCode?: string;
  label?: string;
}

export interface UserName {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  fullName?: string;
}

export interface Buyer {
  referenceBuyerId?: string;
  buyerName?: UserName;
  buyerPhoneNo?: string;
  buyerEmail?: string;
  buyerRegistrationTime?: string;
}

export interface Goods {
  referenceGoodsId?: string;
  goodsName?: string;
  goodsCategory?: string;
  goodsBrand?: string;
  goodsUnitAmount?: Amount;
  goodsQuantity?: string;
  goodsSkuName?: string;
  goodsUrl?: string;
  goodsImageUrl?: string;
  deliveryMethodType?: 'PHYSICAL' | 'DIGITAL' | (string & {});
}

export interface Shipping {
  shippingName?: UserName;
  shippingAddress?: Address;
  shippingCarrier?: string;
  shippingPhoneNo?: string;
  shipToEmail?: string;
  shippingFeeId?: string;
  shippingFee?: Amount;
  shippingDescription?: string;
}

export interface Store {
  referenceStoreId?: string;
  storeName?: string;
  storeMCC?: string;
  storeAddress?: Address;
}

export interface Merchant {
  referenceMerchantId?: string;
  merchantMCC?: string;
  merchantName?: string;
  merchantDisplayName?: string;
  merchantAddress?: Address;
  merchantRegisterDate?: string;
  store?: Store;
  merchantType?: 'INDIVIDUAL' | 'ENTERPRISE' | (string & {});
}

export type TerminalType = 'WEB' | 'WAP' | 'APP' | 'MINI_APP' | (string & {});
export type OsType = 'IOS' | 'ANDROID' | (string & {});

export interface BrowserInfo {
  acceptHeader?: string;
  javaEnabled?: boolean;
  javaScriptEnabled?: boolean;
  language?: string;
  userAgent?: string;
}

export interface Env {
  terminalType?: TerminalType;
  osType?: OsType;
  userAgent?: string;
  deviceTokenId?: string;
  clientIp?: string;
  cookieId?: string;
  storeTerminalId?: string;
  storeTerminalRequestTime?: string;
  extendInfo?: string;
  deviceBrand?: string;
  deviceModel?: string;
  deviceLanguage?: string;
  deviceId?: string;
  browserInfo?: BrowserInfo;
  colorDepth?: string;
  screenHeight?: string;
  screenWidth?: string;
  timeZoneOffset?: number;
  osVersion?: string;
}

export interface Order {
  referenceOrderId: string;
  orderDescription: string;
  orderAmount: Amount;
  merchant?: Merchant;
  goods?: Goods[];
  shipping?: Shipping;
  buyer?: Buyer;
  env?: Env;
  extendInfo?: string;
  transit?: Record<string, unknown>;
  lodging?: Record<string, unknown>;
  gaming?: Record<string, unknown>;
}

export interface PaymentMethod {
  paymentMethodType: string;
  paymentMethodId?: string;
  paymentMethodMetaData?: Record<string, unknown>;
  customerId?: string;
  extendInfo?: string;
}

export interface SettlementStrategy {
  settlementCurrency?: string;
}

export interface Quote {
  quoteId?: string;
  quoteCurrencyPair?: string;
  quotePrice?: string;
  quoteStartTime?: string;
  quoteExpiryTime?: string;
  guaranteed?: boolean;
}

export interface RedirectActionForm {
  method?: 'POST' | 'GET' | (string & {});
  parameters?: string;
  redirectUrl?: string;
  actionFormType?: string;
}

/** Where to send the buyer when an answer says "go on" (PAYMENT_IN_PROCESS). */
export interface BuyerRedirect {
  normalUrl?: string;
  schemeUrl?: string;
  applinkUrl?: string;
  appIdentifier?: string;
}

/** Date-times are ISO-8601 with an offset, e.g. 2026-01-01T12:00:00+08:00. */
export type DateTime = string;
