import type { AntomClient } from '../client';
import type { PaymentRouteRequest, PaymentRoutesOptions, ResolvedOrder } from './types';

/** Everything one route needs: the options, the converted request, its client and the resolved order. */
export interface RouteCall<Ctx> {
  options: PaymentRoutesOptions<Ctx>;
  request: PaymentRouteRequest<Ctx>;
  client: AntomClient;
  order: ResolvedOrder;
}

/** The order's current attempt: the stored one, else the order id unless the app creates ids itself. */
export function existingPaymentRequestId<Ctx>(call: RouteCall<Ctx>): string | undefined {
  return call.order.paymentRequestId ?? (call.options.getOrCreatePaymentRequestId ? undefined : call.order.orderId);
}
