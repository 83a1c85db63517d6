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
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type AntomClientAccess, clientFor } from './client';
import { bodySource } from './raw-body';

export interface AntomPaymentRoutesOptions extends AntomClientAccess, PaymentRoutesOptions<Request> {
  /**
   * The buyer is back from Antom. Render or redirect here; by default the router hands on to the app's own
   * route with `res.locals.antomPayment` set (`{ order, update }`).
   */
  onReturn?(
    req: Request,
    res: Response,
    result: { order: ResolvedOrder; update?: PaymentStatusUpdate },
  ): void | Promise<void>;
  /** A Router factory; pass `express.Router` of the app's own Express when several copies are installed. */
  router?: () => Router;
}

/**
 * Checkout, return, status and refund routes for orders the app owns (the flow is core's; this converts):
 * `app.use(antomPaymentRoutes({ client, resolveOrder, onPaymentStatus, authorizeRefund, notifyPath, publicUrl }))`.
 */
export function antomPaymentRoutes(options: AntomPaymentRoutesOptions): Router {
  const payments = createPaymentRoutes(options);
  const router = (options.router ?? express.Router)();

  async function answer(name: PaymentRouteName, req: Request, res: Response, next: NextFunction): Promise<void> {
    req.antom = clientFor(options, req);
    const reply = await payments.handle(name, {
      orderId: String(req.params.orderId),
      path: req.originalUrl,
      headers: req.headers,
      readBody: (limit) => readRequestBody(bodySource(req), limit),
      client: req.antom,
      ctx: req,
    });
    if (reply.kind !== 'returned') send(res, reply);
    else if (options.onReturn) await options.onReturn(req, res, reply.result);
    else {
      res.locals.antomPayment = reply.result;
      next();
    }
  }

  for (const { name, method, path } of payments.routes) {
    router[method === 'GET' ? 'get' : 'post'](path, (req: Request, res: Response, next: NextFunction) => {
      answer(name, req, res, next).catch((error: unknown) => {
        const reply = res.headersSent ? undefined : paymentErrorReply(error);
        if (reply) send(res, reply);
        else next(error);
      });
    });
  }
  return router;
}

function send(res: Response, reply: Exclude<PaymentRouteReply, { kind: 'returned' }>): void {
  if (reply.kind === 'redirect') res.redirect(reply.status, reply.location);
  else res.status(reply.status).set(reply.headers).json(reply.json);
}
