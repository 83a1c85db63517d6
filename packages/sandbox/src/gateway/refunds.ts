import type { SandboxRuntime } from '../runtime';
import { MARKETPLACE_ACCOUNT, newId } from '../state/store';
import type { Payment, Refund } from '../state/types';
import { antomTime } from '../time';
import type { Handler } from './context';
import {
  earlierAnswer,
  fingerprint,
  optionalString,
  optionalUrl,
  requireAmount,
  requireRequestId,
  requireString,
} from './fields';
import { paymentById } from './payments';
import { type ApiBody, GatewayError, success } from './result';

/**
 * Who pays a refund: the payment's unsettled funds first; once settled, the seller's available balance, then the
 * marketplace's. Refused (nothing moves) when none of them covers it.
 */
function fundRefund(rt: SandboxRuntime, p: Payment, amount: bigint, ref: string): Refund['fundedFrom'] {
  const { currency } = p.paymentAmount;
  const unsettled = rt.unsettled(p);
  const fromUnsettled = unsettled < amount ? unsettled : amount;
  const rest = amount - fromUnsettled;
  const payer = [rt.accountOf(p), MARKETPLACE_ACCOUNT].find(
    (a) => rest === 0n || rt.store.available(p.owner, a, currency) >= rest,
  );
  if (!payer) {
    throw new GatewayError(
      'PROCESS_FAIL',
      `The payment was settled and neither the seller nor the marketplace has ${currency} ${rest} available to refund.`,
    );
  }
  const funded: NonNullable<Refund['fundedFrom']> = [];
  p.refundedUnsettled += fromUnsettled;
  if (fromUnsettled > 0n) {
    rt.post(p.owner, rt.accountOf(p), currency, 'REFUND', ref, { frozen: -fromUnsettled });
    funded.push({ account: `${rt.accountOf(p)}:UNSETTLED`, value: String(fromUnsettled) });
  }
  if (rest > 0n) {
    rt.post(p.owner, payer, currency, 'REFUND', ref, { available: -rest });
    funded.push({ account: payer, value: String(rest) });
  }
  return funded;
}

export const refund: Handler = (ctx) => {
  const { body, owner, rt } = ctx;
  const refundRequestId = requireRequestId(body, 'refundRequestId');
  const paymentId = requireString(body, 'paymentId', 64);
  const refundAmount = requireAmount(body, 'refundAmount');
  const refundNotifyUrl = optionalUrl(body, 'refundNotifyUrl');
  const refundReason = optionalString(body, 'refundReason', 256);
  const fp = fingerprint(paymentId, refundAmount.currency, refundAmount.value);
  const earlier = earlierAnswer(rt.store.refundsByRequestId.get(owner, refundRequestId), fp, 'refundRequestId');
  if (earlier) return earlier;
  const p = paymentById(ctx, paymentId);
  if (p.status !== 'SUCCESS') {
    throw new GatewayError('ORDER_STATUS_INVALID', `Only a paid payment can be refunded; this one is ${p.status}.`);
  }
  if (p.captured === 0n) {
    throw new GatewayError(
      'ORDER_STATUS_INVALID',
      'The payment is authorised but not captured: capture it or cancel it.',
    );
  }
  if (refundAmount.currency !== p.paymentAmount.currency) {
    throw new GatewayError('CURRENCY_NOT_SUPPORT', `refundAmount.currency must be ${p.paymentAmount.currency}.`);
  }
  const amount = BigInt(refundAmount.value);
  if (amount <= 0n) throw new GatewayError('PARAM_ILLEGAL', 'refundAmount.value must be above 0.');
  if (p.refunded + amount > p.captured) {
    throw new GatewayError(
      'REFUND_AMOUNT_EXCEED',
      `Refunds would total more than the paid amount (${p.captured} paid, ${p.refunded} refunded).`,
    );
  }
  const fundedFrom = fundRefund(rt, p, amount, refundRequestId);
  p.refunded += amount;
  const record: Refund = {
    owner,
    refundId: newId('2026'),
    refundRequestId,
    paymentId,
    refundAmount,
    ...(refundReason ? { refundReason } : {}),
    ...(refundNotifyUrl ? { refundNotifyUrl } : {}),
    fundedFrom,
    status: 'SUCCESS',
    refundTime: antomTime(),
    fingerprint: fp,
    response: {},
  };
  record.response = success({
    refundRequestId,
    refundId: record.refundId,
    paymentId,
    refundAmount,
    refundTime: record.refundTime,
  });
  rt.store.addRefund(record);
  rt.notifyRefund(record.refundId);
  return record.response as ApiBody;
};

export const inquiryRefund: Handler = (ctx) => {
  const refundId = optionalString(ctx.body, 'refundId', 64);
  const refundRequestId = optionalString(ctx.body, 'refundRequestId', 64);
  if (!refundId && !refundRequestId)
    throw new GatewayError('PARAM_ILLEGAL', 'refundId or refundRequestId is required.');
  const r = ctx.rt.store.findRefund(ctx.owner, { refundId, refundRequestId });
  if (!r) throw new GatewayError('ORDER_NOT_EXIST', 'No refund matches this refundId / refundRequestId.');
  return success({
    refundId: r.refundId,
    refundRequestId: r.refundRequestId,
    refundAmount: r.refundAmount,
    refundStatus: r.status,
    refundTime: r.refundTime,
  });
};
