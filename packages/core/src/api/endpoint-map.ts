import type * as A from './authorizations';
import type { AntomRequestBody, AntomResponse } from './common';
import type * as D from './disputes';
import type * as MP from './marketplace';
import type * as M from './merchants';
import type * as P from './payments';
import type * as R from './refunds';
import type * as S from './subscriptions';
import type * as V from './vaults';

interface Typed<Req, Res> {
  request: Req;
  response: Res;
}

/**
 * Request and response types by path (without `/ams/api`). A path missing here still has a method, typed as
 * `AntomRequestBody -> AntomResponse`.
 */
export interface AntomEndpointMap {
  '/v1/payments/consult': Typed<P.ConsultPaymentRequest, P.ConsultPaymentResponse>;
  '/v1/payments/pay': Typed<P.PayRequest, P.PayResponse>;
  '/v1/payments/createPaymentSession': Typed<P.CreatePaymentSessionRequest, P.CreatePaymentSessionResponse>;
  '/v1/payments/retrievePaymentSession': Typed<P.RetrievePaymentSessionRequest, P.RetrievePaymentSessionResponse>;
  '/v1/payments/inquiryPayment': Typed<P.InquiryPaymentRequest, P.InquiryPaymentResponse>;
  '/v1/payments/cancel': Typed<P.CancelRequest, P.CancelResponse>;
  '/v1/payments/capture': Typed<P.CaptureRequest, P.CaptureResponse>;
  '/v1/payments/updateAmount': Typed<P.UpdateAmountRequest, P.UpdateAmountResponse>;
  '/v1/payments/refund': Typed<R.RefundRequest, R.RefundResponse>;
  '/v1/payments/inquiryRefund': Typed<R.InquiryRefundRequest, R.InquiryRefundResponse>;

  '/v1/payments/acceptDispute': Typed<D.AcceptDisputeRequest, D.AcceptDisputeResponse>;
  '/v1/payments/supplyDefenseDocument': Typed<D.SupplyDefenseDocumentRequest, D.SupplyDefenseDocumentResponse>;
  '/v1/payments/downloadDisputeEvidence': Typed<D.DownloadDisputeEvidenceRequest, D.DownloadDisputeEvidenceResponse>;

  '/v1/authorizations/consult': Typed<A.AuthConsultRequest, A.AuthConsultResponse>;
  '/v1/authorizations/applyToken': Typed<A.AuthApplyTokenRequest, A.AuthApplyTokenResponse>;
  '/v1/authorizations/revoke': Typed<A.AuthRevokeTokenRequest, A.AuthRevokeTokenResponse>;
  '/v1/authorizations/query': Typed<A.AuthQueryTokenRequest, A.AuthQueryTokenResponse>;

  '/v1/vaults/createVaultingSession': Typed<V.CreateVaultingSessionRequest, V.CreateVaultingSessionResponse>;
  '/v1/vaults/vaultPaymentMethod': Typed<V.VaultPaymentMethodRequest, V.VaultPaymentMethodResponse>;
  '/v1/vaults/inquireVaulting': Typed<V.InquireVaultingRequest, V.InquireVaultingResponse>;
  '/v1/vaults/inquireToken': Typed<V.VaultTokenRequest, AntomResponse>;
  '/v1/vaults/updateToken': Typed<V.VaultTokenRequest, AntomResponse>;
  '/v1/vaults/deleteToken': Typed<V.VaultTokenRequest, AntomResponse>;
  '/v1/vaults/fetchNonce': Typed<AntomRequestBody, AntomResponse>;

  '/v1/subscriptions/create': Typed<S.SubscriptionCreateRequest, S.SubscriptionCreateResponse>;
  '/v1/subscriptions/change': Typed<S.SubscriptionChangeRequest, S.SubscriptionChangeResponse>;
  '/v1/subscriptions/cancel': Typed<S.SubscriptionCancelRequest, AntomResponse>;
  '/v1/subscriptions/update': Typed<S.SubscriptionUpdateRequest, AntomResponse>;
  '/v1/subscriptions/inquireSubscription': Typed<S.SubscriptionInquireRequest, S.SubscriptionInquireResponse>;
  '/v1/subscriptions/inquiry': Typed<S.SubscriptionInquireRequest, S.SubscriptionInquireResponse>;

  '/v1/merchants/registration': Typed<M.MerchantRegistrationRequest, M.MerchantRegistrationResponse>;
  '/v1/merchants/inquiryRegistrationStatus': Typed<
    M.InquiryRegistrationStatusRequest,
    M.InquiryRegistrationStatusResponse
  >;
  '/v1/merchants/inquiryRegistrationInfo': Typed<M.InquiryRegistrationInfoRequest, M.InquiryRegistrationInfoResponse>;

  '/v1/merchants/register': Typed<MP.MarketplaceRegisterRequest, MP.MarketplaceRegisterResponse>;
  '/v1/merchants/settlementInfo/update': Typed<MP.SettlementInfoUpdateRequest, MP.SettlementInfoUpdateResponse>;
  '/v1/payments/settle': Typed<MP.SettleRequest, MP.SettleResponse>;
  '/v1/accounts/inquireBalance': Typed<MP.InquireBalanceRequest, MP.InquireBalanceResponse>;
  '/v1/funds/createPayout': Typed<MP.CreateTransferRequest, MP.CreateTransferResponse>;
  '/v1/funds/createTransfer': Typed<MP.CreateTransferRequest, MP.CreateTransferResponse>;
}
