import { checkout } from './checkout';
import { errorJson, paymentErrorReply } from './errors';
import { checkOptions, DEFAULT_PAYMENT_PATHS } from './options';
import { refund } from './refund';
import type { RouteCall } from './route-call';
import { returned, status } from './status';
import type { PaymentRouteName, PaymentRouteReply, PaymentRouteRequest, PaymentRoutesOptions } from './types';

export interface PaymentRoute {
  name: PaymentRouteName;
  method: 'GET' | 'POST';
  /** The path template, e.g. `/api/orders/:orderId/checkout`. */
  path: string;
}

export interface PaymentRoutes<Ctx> {
  /** The routes to register (those `paths` did not leave out), in the order to register them. */
  readonly routes: readonly PaymentRoute[];
  /**
   * Runs one route for a converted request. Refusals, Antom's `F` and transport failures come back as JSON
   * replies; the app's own errors and config errors are thrown for the framework's error handling.
   */
  handle(route: PaymentRouteName, request: PaymentRouteRequest<Ctx>): Promise<PaymentRouteReply>;
}

const METHODS = { checkout: 'POST', return: 'GET', status: 'GET', refund: 'POST' } as const;
const FLOWS = { checkout, return: returned, status, refund } as const;

/**
 * Checkout, return, status and refund for orders the app owns, written against plain requests and replies;
 * `@antomkit/express` and `@antomkit/koa` only convert. Throws `AntomConfigError` for incomplete options.
 */
export function createPaymentRoutes<Ctx>(options: PaymentRoutesOptions<Ctx>): PaymentRoutes<Ctx> {
  checkOptions(options as PaymentRoutesOptions<unknown>);
  const paths = { ...DEFAULT_PAYMENT_PATHS, ...options.paths };
  const routes = (Object.keys(METHODS) as PaymentRouteName[]).flatMap((name): PaymentRoute[] => {
    const path = paths[name];
    return path ? [{ name, method: METHODS[name], path }] : [];
  });
  return {
    routes,
    async handle(route, request) {
      try {
        const order = await options.resolveOrder(request.orderId, request.ctx);
        if (!order) return errorJson(404, 'ORDER_NOT_FOUND', 'No such order.');
        const call: RouteCall<Ctx> = { options, request, order, client: request.client ?? options.client };
        return await FLOWS[route](call);
      } catch (error) {
        const reply = paymentErrorReply(error);
        if (reply) return reply;
        throw error;
      }
    },
  };
}
