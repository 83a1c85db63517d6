import type {
  Amount,
  CreatePaymentSessionRequest,
  InquiryPaymentResponse,
  PaymentStatus,
  PayRequest,
  RefundResponse,
} from '../api';
import type { RequestBody } from '../body';
import type { AntomClient } from '../client';
import type { HeadersInput } from '../notifications/headers';

/** An order as the app's database has it. The amount is the server's; nothing here comes from the browser. */
export interface ResolvedOrder {
  orderId: string;
  amount: Amount;
  description: string;
  /** The current payment attempt's id, when the app already stored one (status, return and refund use it). */
  paymentRequestId?: string;
  /** Antom's paymentId once known; refunds inquire for it otherwise. */
  paymentId?: string;
}

export interface PaymentStatusUpdate {
  orderId: string;
  paymentRequestId: string;
  paymentId?: string;
  paymentStatus: PaymentStatus;
  /** Which route learned it: the buyer's return, or a status poll. */
  source: 'return' | 'status';
  inquiry: InquiryPaymentResponse;
}

export interface CheckoutResult {
  paymentRequestId: string;
  redirectUrl: string;
  paymentId?: string;
  paymentSessionId?: string;
  paymentSessionData?: string;
}

export interface RefundPlan {
  refundRequestId: string;
  amount: Amount;
  paymentId?: string;
}

export type RefundAuthorization = boolean | 'unauthenticated' | 'forbidden';

export type PaymentRouteName = 'checkout' | 'return' | 'status' | 'refund';

/** The payment routes' options; `Ctx` is the framework's request (Express `req`, Koa `ctx`), passed to every callback. */
export interface PaymentRoutesOptions<Ctx> {
  client: AntomClient;
  /** Looks the order up in the app's database; `undefined` -> 404. */
  resolveOrder(orderId: string, ctx: Ctx): Promise<ResolvedOrder | undefined> | ResolvedOrder | undefined;
  /**
   * The payment request id of this order's current attempt, created once and persisted by the app, returned
   * unchanged on every retry (so a retried checkout can never pay twice). Default: `order.paymentRequestId`,
   * else the order id (one attempt per order).
   */
  getOrCreatePaymentRequestId?(order: ResolvedOrder, ctx: Ctx): Promise<string> | string;
  /** Called after checkout created the payment (e.g. mark the order PENDING). */
  onCheckout?(order: ResolvedOrder, result: CheckoutResult, ctx: Ctx): Promise<void> | void;
  /** Every status the return and status routes learn from Antom. Notifications stay the source of truth. */
  onPaymentStatus(update: PaymentStatusUpdate, ctx: Ctx): Promise<void> | void;
  /** The app's own auth for refunds: `true` allows, `false`/`'forbidden'` -> 403, `'unauthenticated'` -> 401. */
  authorizeRefund(ctx: Ctx, order: ResolvedOrder): Promise<RefundAuthorization> | RefundAuthorization;
  /** Reserve a refund in the app's database (its request id, amount within what is left). Default: one full refund. */
  prepareRefund?(order: ResolvedOrder, input: { amount?: Amount }, ctx: Ctx): Promise<RefundPlan> | RefundPlan;
  /** Called with Antom's answer to a refund request. */
  onRefund?(order: ResolvedOrder, refund: RefundResponse & { refundRequestId: string }, ctx: Ctx): Promise<void> | void;
  /** Absolute path Antom notifies, e.g. `/antom/notifications` (sent as paymentNotifyUrl and refundNotifyUrl). */
  notifyPath: string;
  /** The shop's public origin, e.g. `https://shop.example.com`. */
  publicUrl: string;
  /** `payment` calls `payments.pay` (hosted cashier); `session` calls `payments.createPaymentSession`. Default `payment`. */
  mode?: 'payment' | 'session';
  /** Default `CARD` for `payment` mode; omitted in `session` mode unless set. */
  paymentMethodType?: string;
  /** Adjust the request before it is sent (env, settlementStrategy, goods...). Amount and ids are already set. */
  buildRequest?<T extends PayRequest | CreatePaymentSessionRequest>(request: T, order: ResolvedOrder, ctx: Ctx): T;
  /** Route paths; `false` leaves a route out. Defaults match the sample shops' contract. */
  paths?: Partial<Record<PaymentRouteName, string | false>>;
}

/** One request to a payment route, as the adapter converts it. */
export interface PaymentRouteRequest<Ctx> {
  /** The `:orderId` of the route path. */
  orderId: string;
  /** The path the client called, mount paths and prefixes included (Express `req.originalUrl`). */
  path: string;
  headers: HeadersInput;
  /** Reads the body, called only by the refund route after `authorizeRefund` allowed it. No body when left out. */
  readBody?: (limit: number) => Promise<RequestBody>;
  /** This request's client (a per-merchant view in ISV mode). Default: the options' `client`. */
  client?: AntomClient;
  /** The framework's request, handed to the app's callbacks. */
  ctx: Ctx;
}

export interface PaymentJsonReply {
  kind: 'json';
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

/**
 * What the adapter sends: JSON, a 303 redirect, or — for the return route — the buyer's order and inquired status,
 * for the app's `onReturn` or its own page.
 */
export type PaymentRouteReply =
  | PaymentJsonReply
  | { kind: 'redirect'; status: 303; location: string }
  | { kind: 'returned'; result: { order: ResolvedOrder; update?: PaymentStatusUpdate } };
