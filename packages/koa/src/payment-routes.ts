import { readRequestBody } from '@antomkit/core';
import {
  createPaymentRoutes,
  type PaymentRouteName,
  type PaymentRouteReply,
  type PaymentRoutesOptions,
  type PaymentStatusUpdate,
  paymentErrorReply,
  type ResolvedOrder,
} from '@antomkit/core/payment-routes';
import type { Router, RouterContext } from '@koa/router';
import type { Next } from 'koa';
import { type AntomClientAccess, clientFor } from './client';
import { loadRouter } from './load-router';
import { bodySource } from './raw-body';
import type { AntomState } from './state';

export { DEFAULT_PAYMENT_PATHS } from '@antomkit/core/payment-routes';

export type PaymentContext = RouterContext<AntomState>;

export interface AntomPaymentRoutesOptions extends AntomClientAccess, PaymentRoutesOptions<PaymentContext> {
  /**
   * The buyer is back from Antom. Render or redirect here; by default the route hands on to the next middleware
   * (your own page) with `ctx.state.antomPayment` set (`{ order, update }`).
   */
  onReturn?(ctx: PaymentContext, result: { order: ResolvedOrder; update?: PaymentStatusUpdate }): void | Promise<void>;
  /** The @koa/router instance to add the routes to (its prefix applies). Default: a new `Router()`. */
  router?: Router<AntomState>;
}

/**
 * Checkout, return, status and refund routes for orders the app owns, on a @koa/router `Router` (the flow is
 * core's; this converts):
 * `const payments = antomPaymentRoutes({ client, resolveOrder, onPaymentStatus, authorizeRefund, notifyPath, publicUrl });`
 * `app.use(payments.routes()).use(payments.allowedMethods())`.
 */
export function antomPaymentRoutes(options: AntomPaymentRoutesOptions): Router<AntomState> {
  const payments = createPaymentRoutes(options);
  const router = options.router ?? new (loadRouter())<AntomState>();

  /** True when the return route hands on to the app's own page. */
  async function answer(name: PaymentRouteName, ctx: PaymentContext): Promise<boolean> {
    ctx.state.antom = clientFor(options, ctx);
    const reply = await payments.handle(name, {
      orderId: String(ctx.params.orderId),
      path: ctx.originalUrl,
      headers: ctx.headers,
      readBody: (limit) => readRequestBody(bodySource(ctx), limit),
      client: ctx.state.antom,
      ctx,
    });
    if (reply.kind !== 'returned') send(ctx, reply);
    else if (options.onReturn) await options.onReturn(ctx, reply.result);
    else ctx.state.antomPayment = reply.result;
    return reply.kind === 'returned' && !options.onReturn;
  }

  for (const { name, method, path } of payments.routes) {
    router[method === 'GET' ? 'get' : 'post'](path, async (ctx: PaymentContext, next: Next) => {
      let handOn = false;
      try {
        handOn = await answer(name, ctx);
      } catch (error) {
        const reply = ctx.headerSent ? undefined : paymentErrorReply(error);
        if (!reply) throw error;
        send(ctx, reply);
      }
      if (handOn) await next();
    });
  }
  return router;
}

function send(ctx: PaymentContext, reply: Exclude<PaymentRouteReply, { kind: 'returned' }>): void {
  ctx.status = reply.status;
  if (reply.kind === 'redirect') {
    ctx.redirect(reply.location);
  } else {
    ctx.set(reply.headers);
    ctx.body = reply.json;
  }
}
