import type { AntomClient, AntomNotification } from '@antomkit/core';
import type { PaymentStatusUpdate, ResolvedOrder } from '@antomkit/core/payment-routes';

/** What the adapter puts on `ctx.state`. */
export interface AntomState {
  /**
   * The verified, typed notification, set by `antomNotifications()` for the middleware after it. Never set for
   * a request whose signature did not verify.
   */
  antomNotification?: AntomNotification;
  /** The Antom client for this request (per-merchant view in ISV mode); set by `antomClient()` or `antomPaymentRoutes()`. */
  antom?: AntomClient;
  /** Set by the return route of `antomPaymentRoutes()` for your page when no `onReturn` is given. */
  antomPayment?: { order: ResolvedOrder; update?: PaymentStatusUpdate };
}

declare module 'koa' {
  // Koa types ctx.state through this interface; merging into it is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DefaultState extends AntomState {}
}
