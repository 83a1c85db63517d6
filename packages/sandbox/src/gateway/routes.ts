import { applyToken, authorizationsConsult, revoke } from './authorizations';
import type { Handler } from './context';
import { acceptDispute, downloadDisputeEvidence, supplyDefenseDocument } from './disputes';
import { createPayout, createTransfer, inquireBalance, register, settle, settlementInfoUpdate } from './marketplace';
import { cancel, capture, consult, createPaymentSession, inquiryPayment, pay } from './payments';
import { inquiryRefund, refund } from './refunds';

/** API path (after `/ams/api` or `/ams/sandbox/api`) -> handler. */
export const ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['/v1/payments/consult', consult],
  ['/v1/payments/pay', pay],
  ['/v1/payments/createPaymentSession', createPaymentSession],
  ['/v1/payments/inquiryPayment', inquiryPayment],
  ['/v1/payments/cancel', cancel],
  ['/v1/payments/capture', capture],
  ['/v1/payments/refund', refund],
  ['/v1/payments/inquiryRefund', inquiryRefund],
  ['/v1/payments/acceptDispute', acceptDispute],
  ['/v1/payments/supplyDefenseDocument', supplyDefenseDocument],
  ['/v1/payments/downloadDisputeEvidence', downloadDisputeEvidence],
  ['/v1/authorizations/consult', authorizationsConsult],
  ['/v1/authorizations/applyToken', applyToken],
  ['/v1/authorizations/revoke', revoke],
  ['/v1/merchants/register', register],
  ['/v1/merchants/settlementInfo/update', settlementInfoUpdate],
  ['/v1/payments/settle', settle],
  ['/v1/accounts/inquireBalance', inquireBalance],
  ['/v1/funds/createPayout', createPayout],
  ['/v1/funds/createTransfer', createTransfer],
]);
