import type { SandboxRuntime } from '../runtime';
import { newId } from '../state/store';
import type { Payment } from '../state/types';
import { antomTime } from '../time';
import { cardOutcome } from './cards';
import type { Handler, HandlerContext } from './context';
import {
  assertSameRequest,
  earlierAnswer,
  fingerprint,
  oneOf,
  optionalObject,
  optionalString,
  optionalUrl,
  requireAmount,
  requireObject,
  requireRequestId,
  requireString,
} from './fields';
import { type ApiBody, GatewayError, resultOf, success } from './result';

const PRODUCT_CODES = ['CASHIER_PAYMENT', 'AGREEMENT_PAYMENT', 'IN_STORE_PAYMENT'] as const;
const CANCEL_WINDOW_MS = 24 * 3600 * 1000;

function expiryOf(ctx: HandlerContext, field: string): number {
  const text = optionalString(ctx.body, field, 64);
  if (!text) return Date.now() + ctx.rt.options.paymentExpiryMs;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new GatewayError('PARAM_ILLEGAL', `${field} must be ISO-8601 with an offset.`);
  if (at <= Date.now()) throw new GatewayError('PARAM_ILLEGAL', `${field} must be in the future.`);
  return at;
}

function basePayment(ctx: HandlerContext, productCode: string, session: boolean): Payment {
  const { body, owner } = ctx;
  const paymentRequestId = requireRequestId(body, 'paymentRequestId');
  const paymentAmount = requireAmount(body, 'paymentAmount');
  if (paymentAmount.value === '0') throw new GatewayError('PARAM_ILLEGAL', 'paymentAmount.value must be above 0.');
  const method = session ? optionalObject(body, 'paymentMethod') : requireObject(body, 'paymentMethod');
  const paymentMethodType = method
    ? requireString(body, 'paymentMethod.paymentMethodType', 64)
    : (optionalString(body, 'paymentMethodType', 64) ?? 'CASHIER');
  const paymentMethodId = optionalString(body, 'paymentMethod.paymentMethodId', 128);
  const order = productCode === 'CASHIER_PAYMENT' ? requireObject(body, 'order') : optionalObject(body, 'order');
  const paymentRedirectUrl =
    productCode === 'CASHIER_PAYMENT' ? requireString(body, 'paymentRedirectUrl', 2048) : undefined;
  optionalUrl(body, 'paymentRedirectUrl');
  const cardNo = optionalString(body, 'paymentMethod.paymentMethodMetaData.cardNo', 32);
  const referenceMerchantId = order ? optionalString(body, 'order.merchant.referenceMerchantId', 64) : undefined;
  const settlementCurrency = optionalString(body, 'settlementStrategy.settlementCurrency', 3);
  return {
    owner,
    paymentId: newId('2026'),
    paymentRequestId,
    productCode,
    paymentAmount,
    paymentMethodType,
    ...(paymentMethodId ? { paymentMethodId } : {}),
    orderDescription: order ? optionalString(body, 'order.orderDescription', 256) : undefined,
    referenceOrderId: order ? optionalString(body, 'order.referenceOrderId', 64) : undefined,
    merchantName:
      (order && optionalString(body, 'order.merchant.merchantName', 256)) || ctx.merchant.name || ctx.merchant.clientId,
    ...(paymentRedirectUrl ? { paymentRedirectUrl } : {}),
    paymentNotifyUrl: optionalUrl(body, 'paymentNotifyUrl'),
    captureMode: oneOf(body, 'paymentFactor.captureMode', ['AUTOMATIC', 'MANUAL'], 'AUTOMATIC'),
    status: 'PROCESSING',
    resultCode: 'PAYMENT_IN_PROCESS',
    resultMessage: 'payment in process',
    createdAt: antomTime(),
    expiresAt: expiryOf(ctx, session ? 'paymentSessionExpiryTime' : 'paymentExpiryTime'),
    captured: 0n,
    refunded: 0n,
    settled: 0n,
    refundedUnsettled: 0n,
    disputed: 0n,
    ...(referenceMerchantId ? { referenceMerchantId } : {}),
    ...(settlementCurrency ? { settlementCurrency } : {}),
    fingerprint: fingerprint(
      paymentAmount.currency,
      paymentAmount.value,
      paymentMethodType,
      paymentMethodId,
      cardNo,
      productCode,
      referenceMerchantId,
    ),
    response: {},
  };
}

function ids(p: Payment) {
  return { paymentRequestId: p.paymentRequestId, paymentId: p.paymentId, paymentAmount: p.paymentAmount };
}

function replay(ctx: HandlerContext, candidate: Payment): Payment | undefined {
  const existing = ctx.rt.store.paymentsByRequestId.get(ctx.owner, candidate.paymentRequestId);
  if (!existing) return undefined;
  assertSameRequest(existing.fingerprint, candidate.fingerprint, 'paymentRequestId');
  return existing;
}

/** Marketplace: a payment for a seller needs that seller registered (SUCCESSFUL) by this merchant. */
function assertSeller(ctx: HandlerContext, p: Payment): void {
  if (!p.referenceMerchantId) return;
  const seller = ctx.rt.store.subMerchants.get(ctx.owner, p.referenceMerchantId);
  if (seller?.registrationStatus !== 'SUCCESSFUL') {
    throw new GatewayError(
      'PARAM_ILLEGAL',
      `order.merchant.referenceMerchantId ${p.referenceMerchantId} is not a successfully registered seller (${seller?.registrationStatus ?? 'never registered'}).`,
    );
  }
}

function settleNow(rt: SandboxRuntime, p: Payment, status: 'SUCCESS' | 'FAIL', code: string, message: string) {
  rt.store.addPayment(p);
  rt.finishPayment(p, status, code, message);
}

function agreementToken(ctx: HandlerContext, p: Payment): void {
  const token = p.paymentMethodId;
  const auth = [...ctx.rt.store.authorizations.values()].find(
    (a) => a.owner === ctx.owner && a.accessToken !== undefined && a.accessToken === token,
  );
  if (auth?.status !== 'TOKEN_ISSUED') {
    throw new GatewayError('INVALID_ACCESS_TOKEN', 'paymentMethod.paymentMethodId is not a valid access token.');
  }
}

export const pay: Handler = (ctx) => {
  const productCode = oneOf(ctx.body, 'productCode', PRODUCT_CODES);
  const p = basePayment(ctx, productCode, false);
  const existing = replay(ctx, p);
  if (existing) return existing.response as ApiBody;
  assertSeller(ctx, p);

  let response: ApiBody;
  const meta = optionalObject(ctx.body, 'paymentMethod.paymentMethodMetaData');
  if (p.paymentAmount.value === '11') {
    p.status = 'FAIL';
    p.resultCode = 'RISK_REJECT';
    p.resultMessage = 'The payment was rejected by risk control (sandbox amount 11).';
    ctx.rt.store.addPayment(p);
    response = { ...resultOf('RISK_REJECT', 'F', p.resultMessage), ...ids(p) };
  } else if (p.paymentMethodType === 'CARD' && meta?.cardNo !== undefined) {
    const outcome = cardOutcome(meta);
    if (outcome === 'SUCCESS') {
      settleNow(ctx.rt, p, 'SUCCESS', 'SUCCESS', 'success');
      response = success({ ...ids(p), paymentCreateTime: p.createdAt, paymentTime: p.paymentTime });
    } else {
      settleNow(ctx.rt, p, 'FAIL', 'PROCESS_FAIL', 'The card was declined (sandbox failure card).');
      response = { ...resultOf('PROCESS_FAIL', 'F', p.resultMessage), ...ids(p) };
    }
  } else if (productCode === 'CASHIER_PAYMENT') {
    ctx.rt.store.addPayment(p);
    ctx.rt.watchExpiry(p);
    response = {
      ...resultOf('PAYMENT_IN_PROCESS', 'U', 'payment in process'),
      ...ids(p),
      paymentCreateTime: p.createdAt,
      normalUrl: ctx.rt.cashierUrl(p.paymentId),
    };
  } else {
    if (productCode === 'AGREEMENT_PAYMENT') agreementToken(ctx, p);
    settleNow(ctx.rt, p, 'SUCCESS', 'SUCCESS', 'success');
    response = success({ ...ids(p), paymentCreateTime: p.createdAt, paymentTime: p.paymentTime });
  }
  p.response = response;
  return response;
};

export const createPaymentSession: Handler = (ctx) => {
  const productCode = oneOf(ctx.body, 'productCode', ['CASHIER_PAYMENT'] as const);
  const p = basePayment(ctx, productCode, true);
  const existing = replay(ctx, p);
  if (existing) return existing.response as ApiBody;
  assertSeller(ctx, p);
  p.paymentSessionId = newId('session');
  ctx.rt.store.addPayment(p);
  ctx.rt.watchExpiry(p);
  p.response = success({
    paymentSessionId: p.paymentSessionId,
    paymentSessionData: Buffer.from(JSON.stringify({ paymentId: p.paymentId, sandbox: true })).toString('base64'),
    paymentSessionExpiryTime: antomTime(p.expiresAt),
    normalUrl: ctx.rt.cashierUrl(p.paymentId),
  });
  return p.response as ApiBody;
};

/** The caller's payment with this paymentId (capture, refund and settle name it by paymentId only). */
export function paymentById(ctx: HandlerContext, paymentId: string): Payment {
  const p = ctx.rt.store.findPayment(ctx.owner, { paymentId });
  if (!p) throw new GatewayError('ORDER_NOT_EXIST', 'No payment matches this paymentId.');
  return p;
}

function findPayment(ctx: HandlerContext): Payment {
  const paymentId = optionalString(ctx.body, 'paymentId', 64);
  const paymentRequestId = optionalString(ctx.body, 'paymentRequestId', 64);
  if (!paymentId && !paymentRequestId) {
    throw new GatewayError('PARAM_ILLEGAL', 'paymentId or paymentRequestId is required.');
  }
  const p = ctx.rt.store.findPayment(ctx.owner, { paymentId, paymentRequestId });
  if (!p) throw new GatewayError('ORDER_NOT_EXIST', 'No payment matches this paymentId / paymentRequestId.');
  ctx.rt.expireIfDue(p);
  return p;
}

export const inquiryPayment: Handler = (ctx) => {
  const p = findPayment(ctx);
  const { store } = ctx.rt;
  const transactions = [
    ...store.capturesOf(p.paymentId).map((c) => ({
      transactionType: 'CAPTURE',
      transactionStatus: 'SUCCESS',
      transactionRequestId: c.captureRequestId,
      transactionId: c.captureId,
      transactionAmount: c.captureAmount,
      transactionTime: c.captureTime,
    })),
    ...store.refundsOf(p.paymentId).map((r) => ({
      transactionType: 'REFUND',
      transactionStatus: r.status,
      transactionRequestId: r.refundRequestId,
      transactionId: r.refundId,
      transactionAmount: r.refundAmount,
      transactionTime: r.refundTime,
    })),
  ];
  return success({
    paymentStatus: p.status,
    paymentResultCode: p.resultCode,
    paymentResultMessage: p.resultMessage,
    ...ids(p),
    paymentCreateTime: p.createdAt,
    ...(p.paymentTime ? { paymentTime: p.paymentTime } : {}),
    ...(p.earliestSettlementAt !== undefined ? { earliestSettlementTime: ctx.rt.earliestSettlementTime(p) } : {}),
    paymentMethodType: p.paymentMethodType,
    ...(p.captureMode === 'MANUAL' ? { captureMode: 'MANUAL' } : {}),
    ...(p.cancelTime ? { cancelTime: p.cancelTime } : {}),
    transactions,
  });
};

export const cancel: Handler = (ctx) => {
  const p = findPayment(ctx);
  const done = () =>
    success({ paymentId: p.paymentId, paymentRequestId: p.paymentRequestId, cancelTime: p.cancelTime });
  if (p.status === 'CANCELLED') return done();
  if (p.status === 'FAIL') throw new GatewayError('ORDER_IS_CLOSED', 'The payment already failed; nothing to cancel.');
  if (p.status === 'SUCCESS') {
    if (p.refunded > 0n || p.settled > 0n) {
      throw new GatewayError('ORDER_STATUS_INVALID', 'The payment was refunded or settled; refund the rest instead.');
    }
    if (Date.now() - Date.parse(p.paymentTime ?? p.createdAt) > CANCEL_WINDOW_MS) {
      throw new GatewayError('CANCEL_WINDOW_EXCEED', 'The cancel window (24 h) has passed; refund instead.');
    }
  }
  if (p.status === 'SUCCESS' && p.captured > 0n) {
    ctx.rt.post(p.owner, ctx.rt.accountOf(p), p.paymentAmount.currency, 'PAYMENT', p.paymentId, {
      frozen: -p.captured,
    });
  }
  p.status = 'CANCELLED';
  p.resultCode = 'ORDER_IS_CLOSED';
  p.resultMessage = 'The merchant cancelled the payment.';
  p.cancelTime = antomTime();
  return done();
};

export const capture: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const captureRequestId = requireRequestId(body, 'captureRequestId');
  const paymentId = requireString(body, 'paymentId', 64);
  const captureAmount = requireAmount(body, 'captureAmount');
  const fp = fingerprint(paymentId, captureAmount.currency, captureAmount.value);
  const earlier = earlierAnswer(rt.store.capturesByRequestId.get(owner, captureRequestId), fp, 'captureRequestId');
  if (earlier) return earlier;
  const p = paymentById(ctx, paymentId);
  if (p.captureMode !== 'MANUAL' || p.status !== 'SUCCESS') {
    throw new GatewayError(
      'ORDER_STATUS_INVALID',
      `Only an authorised payment with paymentFactor.captureMode MANUAL can be captured (this one is ${p.status}, ${p.captureMode}).`,
    );
  }
  if (captureAmount.currency !== p.paymentAmount.currency) {
    throw new GatewayError('CURRENCY_NOT_SUPPORT', `captureAmount.currency must be ${p.paymentAmount.currency}.`);
  }
  const amount = BigInt(captureAmount.value);
  if (amount <= 0n || p.captured + amount > BigInt(p.paymentAmount.value)) {
    throw new GatewayError('CAPTURE_AMOUNT_EXCEED', 'The captures would exceed the authorised amount.');
  }
  p.captured += amount;
  const record = {
    owner,
    captureId: newId('2026'),
    captureRequestId,
    paymentId,
    captureAmount,
    captureTime: antomTime(),
    fingerprint: fp,
    response: {},
  };
  record.response = success({
    captureRequestId,
    captureId: record.captureId,
    paymentId,
    captureAmount,
    captureTime: record.captureTime,
  });
  rt.store.addCapture(record);
  rt.credit(p, amount, 'CAPTURE', record.captureId);
  rt.notifyCapture(p, record);
  return record.response as ApiBody;
};

export const consult: Handler = (ctx) => {
  requireAmount(ctx.body, 'paymentAmount');
  const types = ['ALIPAY_CN', 'ALIPAY_HK', 'GCASH', 'KAKAOPAY', 'TNG', 'CARD'];
  return success({
    paymentOptions: types.map((paymentMethodType) => ({
      paymentMethodType,
      paymentMethodCategory: paymentMethodType === 'CARD' ? 'CARD' : 'WALLET',
      enabled: true,
    })),
  });
};
