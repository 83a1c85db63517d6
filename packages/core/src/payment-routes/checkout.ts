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
  let result: CheckoutResult;
  if (options.mode === 'session') {
    const sessionRequest: CreatePaymentSessionRequest = {
      ...common,
      ...(options.paymentMethodType ? { paymentMethod: { paymentMethodType: options.paymentMethodType } } : {}),
    };
    const session = await client.payments.createPaymentSession(
      options.buildRequest ? options.buildRequest(sessionRequest, order, ctx) : sessionRequest,
    );
    result = {
      paymentRequestId,
      redirectUrl: session.normalUrl ?? common.paymentRedirectUrl,
      ...(session.paymentSessionId ? { paymentSessionId: session.paymentSessionId } : {}),
      ...(session.paymentSessionData ? { paymentSessionData: session.paymentSessionData } : {}),
    };
  } else {
    const payRequest: PayRequest = {
      ...common,
      paymentMethod: { paymentMethodType: options.paymentMethodType ?? 'CARD' },
    };
    const paid = await client.payments.pay(
      options.buildRequest ? options.buildRequest(payRequest, order, ctx) : payRequest,
    );
    result = {
      paymentRequestId,
      redirectUrl: paid.normalUrl ?? common.paymentRedirectUrl,
      ...(paid.paymentId ? { paymentId: paid.paymentId } : {}),
    };
  }
  await options.onCheckout?.(order, result, ctx);
  if (wantsRedirect(request.headers)) return { kind: 'redirect', status: 303, location: result.redirectUrl };
  return jsonReply(200, result);
}
