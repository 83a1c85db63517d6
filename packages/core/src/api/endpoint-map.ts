import type * as P from './payments';
import type * as R from './refunds';

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
}
