import type { AntomResponse, DateTime, Merchant, OsType, TerminalType } from './common';

export type AuthScope =
  | 'AGREEMENT_PAY'
  | 'BASE_USER_INFO'
  | 'USER_INFO'
  | 'USER_LOGIN_ID'
  | 'HASH_LOGIN_ID'
  | 'SEND_OTP'
  | (string & {});

export interface AuthConsultRequest {
  /** The wallet, e.g. ALIPAY_CN, GCASH, KAKAOPAY. */
  customerBelongsTo: string;
  authClientId?: string;
  authRedirectUrl: string;
  scopes: AuthScope[];
  /** Your CSRF-style state, returned with the auth code. */
  authState: string;
  terminalType: TerminalType;
  osType?: OsType;
  osVersion?: string;
  merchantRegion?: string;
  recurringPayment?: boolean;
  authMetaData?: Record<string, unknown>;
  authNotifyUrl?: string;
  merchant?: Merchant;
}

export interface AuthConsultResponse extends AntomResponse {
  authUrl?: string;
  normalUrl?: string;
  schemeUrl?: string;
  applinkUrl?: string;
  appIdentifier?: string;
  authCodeForm?: Record<string, unknown>;
}

export interface AuthApplyTokenRequest {
  grantType: 'AUTHORIZATION_CODE' | 'REFRESH_TOKEN';
  customerBelongsTo: string;
  authClientId?: string;
  authCode?: string;
  refreshToken?: string;
  extendInfo?: string;
  merchantRegion?: string;
}

export interface AuthApplyTokenResponse extends AntomResponse {
  accessToken?: string;
  accessTokenExpiryTime?: DateTime;
  refreshToken?: string;
  refreshTokenExpiryTime?: DateTime;
  extendInfo?: string;
  userLoginId?: string;
  pspCustomerInfo?: Record<string, unknown>;
}

export interface AuthRevokeTokenRequest {
  accessToken: string;
  extendInfo?: string;
}

export interface AuthRevokeTokenResponse extends AntomResponse {
  extendInfo?: string;
}

/** `/v1/authorizations/query` is in the SDKs but not the public docs. */
export interface AuthQueryTokenRequest {
  accessToken: string;
}

export interface AuthQueryTokenResponse extends AntomResponse {
  accessToken?: string;
  accessTokenExpiryTime?: DateTime;
  refreshToken?: string;
  refreshTokenExpiryTime?: DateTime;
  tokenStatusType?: string;
}
