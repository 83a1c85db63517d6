import type { Amount } from '../api';
import type { RequestBody } from '../body';
import { safeJsonParse } from '../json';
import { errorJson, jsonReply, PaymentRouteError } from './errors';
import { absoluteUrl } from './options';
import { existingPaymentRequestId, type RouteCall } from './route-call';
import type { PaymentRouteReply, RefundPlan, ResolvedOrder } from './types';

/** Refund bodies are `{ amount?: { currency, value } }`: a few dozen bytes. */
export const REFUND_BODY_LIMIT = 16 * 1024;

/** Behind the app's `authorizeRefund`: reads the amount, plans the refund and asks Antom for it. */
export async function refund<Ctx>(call: RouteCall<Ctx>): Promise<PaymentRouteReply> {
  const { options, request, order, client } = call;
  const allowed = await options.authorizeRefund(request.ctx, order);
  if (allowed !== true) {
    const unauthenticated = allowed === 'unauthenticated';
    return errorJson(
      unauthenticated ? 401 : 403,
      unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      'Refund not allowed.',
    );
  }
  const input = refundInput(request.readBody ? await request.readBody(REFUND_BODY_LIMIT) : { raw: '' });
  const plan = options.prepareRefund
    ? await options.prepareRefund(order, input, request.ctx)
    : defaultRefundPlan(order, input);
  const paymentId = plan.paymentId ?? order.paymentId ?? (await paidPaymentId(call));
  const answer = await client.payments.refund({
    refundRequestId: plan.refundRequestId,
    paymentId,
    refundAmount: plan.amount,
    refundNotifyUrl: absoluteUrl(options, options.notifyPath),
  });
  await options.onRefund?.(order, { ...answer, refundRequestId: plan.refundRequestId }, request.ctx);
  return jsonReply(202, {
    refundRequestId: plan.refundRequestId,
    ...(answer.refundId ? { refundId: answer.refundId } : {}),
  });
}

async function paidPaymentId<Ctx>(call: RouteCall<Ctx>): Promise<string> {
  const paymentRequestId = existingPaymentRequestId(call);
  const inquiry = paymentRequestId ? await call.client.payments.inquiryPayment({ paymentRequestId }) : undefined;
  if (inquiry?.paymentStatus !== 'SUCCESS' || !inquiry.paymentId) {
    throw new PaymentRouteError(409, 'NOT_PAID', 'Only a paid order can be refunded.');
  }
  return inquiry.paymentId;
}

function parseBody(body: RequestBody): unknown {
  if ('parsed' in body) return body.parsed;
  const bytes = typeof body.raw === 'string' ? Buffer.from(body.raw) : body.raw;
  if (body.truncated || bytes.byteLength > REFUND_BODY_LIMIT) {
    const headers: Record<string, string> = body.truncated ? { connection: 'close' } : {};
    throw new PaymentRouteError(413, 'BODY_TOO_LARGE', 'The refund request is too large.', headers);
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString().trim();
  try {
    return text ? safeJsonParse(text) : {};
  } catch {
    throw new PaymentRouteError(
      400,
      'BODY_INVALID',
      'The refund request body must be JSON: { "amount"?: { currency, value } }.',
    );
  }
}

function refundInput(body: RequestBody): { amount?: Amount } {
  const amount = (parseBody(body) as { amount?: unknown } | null)?.amount;
  if (amount === undefined) return {};
  const { currency, value } = (amount ?? {}) as Partial<Amount>;
  if (typeof currency !== 'string' || typeof value !== 'string' || !/^[1-9][0-9]{0,17}$/.test(value)) {
    throw new PaymentRouteError(
      400,
      'AMOUNT_INVALID',
      'amount must be { currency, value } with value a positive integer string in minor units.',
    );
  }
  return { amount: { currency, value } };
}

function defaultRefundPlan(order: ResolvedOrder, input: { amount?: Amount }): RefundPlan {
  const amount = input.amount ?? order.amount;
  if (amount.currency !== order.amount.currency || BigInt(amount.value) > BigInt(order.amount.value)) {
    throw new PaymentRouteError(
      400,
      'AMOUNT_INVALID',
      `A refund is at most ${order.amount.value} ${order.amount.currency} minor units.`,
    );
  }
  return { refundRequestId: `${order.orderId}_refund_${Date.now().toString(36)}`.slice(-64), amount };
}
