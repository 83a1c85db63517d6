import type { Address, Amount, AntomResponse, DateTime, UserName } from './common';

export interface SettlementBankAccount {
  bankAccountNo: string;
  accountHolderName: string;
  accountHolderType?: 'INDIVIDUAL' | 'ENTERPRISE' | (string & {});
  accountHolderTIN?: string;
  accountType?: 'CHECKING' | 'SAVING' | (string & {});
  swiftCode?: string;
  routingNumber?: string;
  branchCode?: string;
  bankRegion: string;
  accountHolderAddress?: Address;
  iban?: string;
  bankName?: string;
}

export interface SettlementInfo {
  settlementCurrency: string;
  settlementBankAccount: SettlementBankAccount;
}

export interface MarketplaceMerchantInfo {
  referenceMerchantId: string;
  loginId: string;
  legalEntityType: 'COMPANY' | 'INDIVIDUAL' | (string & {});
  company?: Record<string, unknown>;
  businessInfo?: Record<string, unknown>;
  entityAssociations?: Record<string, unknown>[];
  individual?: { name?: UserName; [field: string]: unknown };
  [field: string]: unknown;
}

export interface MarketplaceRegisterRequest {
  registrationRequestId: string;
  settlementInfos: SettlementInfo[];
  merchantInfo: MarketplaceMerchantInfo;
  paymentMethods?: { paymentMethodType: string; paymentMethodMetaData?: Record<string, unknown> }[];
  productCodes?: string[];
}

export interface MarketplaceRegisterResponse extends AntomResponse {
  registrationStatus?: 'SUCCESSFUL' | 'FAILED' | 'PROCESSING' | (string & {});
}

export interface SettlementInfoUpdateRequest {
  updateRequestId: string;
  referenceMerchantId: string;
  settlementCurrency: string;
  settlementBankAccount: SettlementBankAccount;
}

export interface SettlementInfoUpdateResponse extends AntomResponse {
  updateStatus?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | (string & {});
}

export interface SettlementDetail {
  settleTo: 'SELLER' | 'MARKETPLACE';
  settlementAmount: Amount;
}

export interface SettleRequest {
  /** Your idempotency key for the settlement; allowed after the payment's earliestSettlementTime. */
  settlementRequestId: string;
  paymentId: string;
  settlementDetails: SettlementDetail[];
}

export interface SettleResponse extends AntomResponse {
  settlementRequestId?: string;
  settlementId?: string;
}

export interface InquireBalanceRequest {
  referenceMerchantId?: string;
}

export interface AccountBalance {
  accountNo?: string;
  currency: string;
  availableBalance: Amount;
  frozenBalance?: Amount;
  totalBalance?: Amount;
}

export interface InquireBalanceResponse extends AntomResponse {
  accountBalances?: AccountBalance[];
}

export interface TransferFromDetail {
  transferFromMethod: { paymentMethodType: string; paymentMethodId?: string; [field: string]: unknown };
  transferFromAmount: Amount;
}

export interface TransferToDetail {
  transferToMethod: { paymentMethodType: string; paymentMethodId?: string; [field: string]: unknown };
  transferToCurrency: string;
  feeAmount?: Amount;
  actualTransferToAmount?: Amount;
  purposeCode?: string;
  transferNotifyUrl?: string;
  transferRemark?: string;
}

export interface CreateTransferRequest {
  /** Your idempotency key for the payout or transfer. */
  transferRequestId: string;
  transferFromDetail: TransferFromDetail;
  transferToDetail: TransferToDetail;
}

export interface CreateTransferResponse extends AntomResponse {
  transferId?: string;
  transferRequestId?: string;
  transferFromDetail?: TransferFromDetail;
  transferToDetail?: TransferToDetail;
  transferTime?: DateTime;
}
