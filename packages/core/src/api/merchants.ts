import type { Address, AntomResponse, Merchant } from './common';

/** Alipay+ / ISV merchant registration (not the marketplace `register`). */
export interface RegistrationMerchantInfo extends Merchant {
  registrationDetail?: {
    legalName?: string;
    registrationType?: string;
    registrationNo?: string;
    registrationAddress?: Address;
    businessType?: string;
    [field: string]: unknown;
  };
  websites?: { name?: string; url: string; desc?: string; type?: string }[];
  logo?: { logoName?: string; logoUrl?: string };
  [field: string]: unknown;
}

export interface MerchantRegistrationRequest {
  registrationRequestId: string;
  productCodes: string[];
  merchantInfo: RegistrationMerchantInfo;
  registrationNotifyURL?: string;
  passThroughInfo?: string;
}

export type MerchantRegistrationResponse = AntomResponse;

export interface InquiryRegistrationStatusRequest {
  registrationRequestId?: string;
  referenceMerchantId?: string;
}

export interface InquiryRegistrationStatusResponse extends AntomResponse {
  registrationResult?: { registrationStatus?: string; rejectReason?: string; [field: string]: unknown };
  pspRegistrationResultList?: { pspName?: string; registrationResult?: Record<string, unknown> }[];
}

export interface InquiryRegistrationInfoRequest {
  referenceMerchantId: string;
}

export interface InquiryRegistrationInfoResponse extends AntomResponse {
  merchantInfo?: RegistrationMerchantInfo;
  productCodes?: string[];
}
