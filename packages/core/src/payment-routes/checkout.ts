import type { CreatePaymentSessionRequest, PayRequest } from '../api';
import { readHeader } from '../notifications/headers';
import { jsonReply } from './errors';
import { wantsRedirect } from './negotiate';
import { absoluteUrl, returnUrl } from './options';
import type { RouteCall } from './route-call';
import type { CheckoutResult, PaymentRouteReply } from './types';

/** Creates the payment (or payment session) for the server's amount; redirects a browser, answers fetch with JSON. */
export async function checkout<Ctx>({ options, request, client, order }: RouteCall<Ctx>): Promise<PaymentRouteReply> {
  const { ctx } = request;
  const paymentRequestId = options.getOrCreatePaymentRequestId
    ? await options.getOrCreatePaymentRequestId(order, ctx)
    : (order.paymentRequestId ?? order.orderId);
  const userAgent = readHeader(request.headers, 'user-agent');
  const common = {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: order.orderId, orderDescription: order.description, orderAmount: order.amount },
    paymentAmount: order.amount,
    paymentRedirectUrl: returnUrl(options, 'checkout', request.path, order.orderId),
    paymentNotifyUrl: absoluteUrl(options, options.notifyPath),
    env: { terminalType: 'WEB' as const, ...(userAgent.ok && userAgent.value ? { userAgent: userAgent.value } : {}) },
  };
  const adjust = <T extends PayRequest | CreatePaymentSessionRequest>(built: T): T =>
    options.buildRequest ? options.buildRequest(built, order, ctx) : built;
  const { paymentMethodType } = options;
  let result: CheckoutResult = { paymentRequestId, redirectUrl: common.paymentRedirectUrl };
  if (options.mode === 'session') {
    const paymentMethod = paymentMethodType ? { paymentMethod: { paymentMethodType } } : {};
    const session = await client.payments.createPaymentSession(adjust({ ...common, ...paymentMethod }));
    const { normalUrl, paymentSessionId, paymentSessionData } = session;
    result = { ...result, ...defined({ redirectUrl: normalUrl, paymentSessionId, paymentSessionData }) };
  } else {
    const paymentMethod = { paymentMethodType: paymentMethodType ?? 'CARD' };
    const paid = await client.payments.pay(adjust({ ...common, paymentMethod }));
    result = { ...result, ...defined({ redirectUrl: paid.normalUrl, paymentId: paid.paymentId }) };
  }
  await options.onCheckout?.(order, result, ctx);
  if (wantsRedirect(request.headers)) return { kind: 'redirect', status: 303, location: result.redirectUrl };
  return jsonReply(200, result);
}

/** The fields that have a value (Antom leaves out what does not apply). */
function defined<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value)) as Partial<Record<keyof T, string>>;
}
