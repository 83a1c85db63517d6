import type { AntomResponse, BuyerRedirect, DateTime, Env } from './common';

/** Card or wallet details; card fields (cardNo, expiryYear, ...) are only ever sent by PCI-compliant merchants. */
export interface PaymentMethodDetail {
  paymentMethodDetailType?: 'CARD' | 'EXTERNALACCOUNT' | 'COUPON' | 'DISCOUNT' | (string & {});
  card?: Record<string, unknown>;
  externalAccount?: Record<string, unknown>;
  paymentMethodType?: string;
  [field: string]: unknown;
}

export interface CreateVaultingSessionRequest {
  paymentMethodType: string;
  vaultingRequestId: string;
  vaultingNotificationUrl: string;
  redirectUrl: string;
  merchantRegion?: string;
  is3DSAuthentication?: boolean;
}

export interface CreateVaultingSessionResponse extends AntomResponse {
  vaultingSessionData?: string;
  vaultingSessionId?: string;
  vaultingSessionExpiryTime?: DateTime;
}

export interface VaultPaymentMethodRequest {
  vaultingRequestId: string;
  vaultingNotificationUrl: string;
  redirectUrl: string;
  merchantRegion?: string;
  paymentMethodDetail: PaymentMethodDetail;
  env: Env;
  merchantAccountId?: string;
  vaultingCurrency?: string;
}

export interface VaultPaymentMethodResponse extends AntomResponse, BuyerRedirect {
  vaultingRequestId?: string;
  paymentMethodDetail?: PaymentMethodDetail;
  challengeActionForm?: Record<string, unknown>;
}

export interface InquireVaultingRequest {
  vaultingRequestId: string;
  merchantAccountId?: string;
}

export interface InquireVaultingResponse extends AntomResponse, BuyerRedirect {
  vaultingRequestId?: string;
  paymentMethodDetail?: PaymentMethodDetail;
  vaultingStatus?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | (string & {});
}

export interface VaultTokenRequest {
  /** The card token (cardToken / paymentMethodId) from vaulting. */
  token?: string;
  vaultingRequestId?: string;
  [field: string]: unknown;
}
