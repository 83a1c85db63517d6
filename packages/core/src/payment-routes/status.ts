import type { InquiryPaymentResponse } from '../api';
import { AntomApiError } from '../errors';
import { jsonReply } from './errors';
import { existingPaymentRequestId, type RouteCall } from './route-call';
import type { PaymentRouteReply, PaymentStatusUpdate } from './types';

/** Inquires Antom about the order's current attempt and tells the app; `undefined` when there is none yet. */
async function inquire<Ctx>(
  call: RouteCall<Ctx>,
  source: PaymentStatusUpdate['source'],
): Promise<PaymentStatusUpdate | undefined> {
  const paymentRequestId = existingPaymentRequestId(call);
  if (!paymentRequestId) return undefined;
  let inquiry: InquiryPaymentResponse;
  try {
    inquiry = await call.client.payments.inquiryPayment({ paymentRequestId });
  } catch (error) {
    if (error instanceof AntomApiError && error.resultCode === 'ORDER_NOT_EXIST') return undefined;
    throw error;
  }
  const update: PaymentStatusUpdate = {
    orderId: call.order.orderId,
    paymentRequestId,
    ...(inquiry.paymentId ? { paymentId: inquiry.paymentId } : {}),
    paymentStatus: inquiry.paymentStatus ?? 'PROCESSING',
    source,
    inquiry,
  };
  await call.options.onPaymentStatus(update, call.request.ctx);
  return update;
}

/** The buyer is back from Antom: the adapter hands the order and its status to `onReturn` or the app's page. */
export async function returned<Ctx>(call: RouteCall<Ctx>): Promise<PaymentRouteReply> {
  const update = await inquire(call, 'return');
  return { kind: 'returned', result: { order: call.order, ...(update ? { update } : {}) } };
}

/** JSON for polling. */
export async function status<Ctx>(call: RouteCall<Ctx>): Promise<PaymentRouteReply> {
  const update = await inquire(call, 'status');
  return jsonReply(200, {
    orderId: call.order.orderId,
    paymentRequestId: update?.paymentRequestId ?? null,
    paymentId: update?.paymentId ?? null,
    paymentStatus: update?.paymentStatus ?? null,
  });
}
