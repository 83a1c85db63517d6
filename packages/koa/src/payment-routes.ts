import {
  type Amount,
  AntomApiError,
  type AntomClient,
  AntomConfigError,
  AntomError,
  type CreatePaymentSessionRequest,
  type InquiryPaymentResponse,
  type PayRequest,
  type RefundResponse,
  safeJsonParse,
} from '@antomkit/core';
import type { Router, RouterContext } from '@koa/router';
import type { Next } from 'koa';
import { type AntomClientAccess, clientFor } from './client';
import { loadRouter } from './load-router';
import { readRawBody, streamConsumed } from './raw-body';
import type { AntomState } from './state';
import type { CheckoutResult, PaymentStatusUpdate, RefundAuthorization, RefundPlan, ResolvedOrder } from './types';

export type PaymentContext = RouterContext<AntomState>;

export interface AntomPaymentRoutesOptions extends AntomClientAccess {
  /** Looks the order up in the app's database; `undefined` -> 404. */
  resolveOrder(orderId: string, ctx: PaymentContext): Promise<ResolvedOrder | undefined> | ResolvedOrder | undefined;
  /**
   * The payment request id of this order's current attempt, created once and persisted by the app, returned
   * unchanged on every retry (so a retried checkout can never pay twice). Default: `order.paymentRequestId`,
   * else the order id (one attempt per order).
   */
  getOrCreatePaymentRequestId?(order: ResolvedOrder, ctx: PaymentContext): Promise<string> | string;
  /** Called after checkout created the payment (e.g. mark the order PENDING). */
  onCheckout?(order: ResolvedOrder, result: CheckoutResult, ctx: PaymentContext): Promise<void> | void;
  /** Every status the return and status routes learn from Antom. Notifications stay the source of truth. */
  onPaymentStatus(update: PaymentStatusUpdate, ctx: PaymentContext): Promise<void> | void;
  /** The app's own auth for refunds: `true` allows, `false`/`'forbidden'` -> 403, `'unauthenticated'` -> 401. */
  authorizeRefund(ctx: PaymentContext, order: ResolvedOrder): Promise<RefundAuthorization> | RefundAuthorization;
  /** Reserve a refund in the app's database (its request id, amount within what is left). Default: one full refund. */
  prepareRefund?(
    order: ResolvedOrder,
    input: { amount?: Amount },
    ctx: PaymentContext,
  ): Promise<RefundPlan> | RefundPlan;
  /** Called with Antom's answer to a refund request. */
  onRefund?(
    order: ResolvedOrder,
    refund: RefundResponse & { refundRequestId: string },
    ctx: PaymentContext,
  ): Promise<void> | void;
  /**
   * The buyer is back from Antom. Render or redirect here; by default the route hands on to the next middleware
   * (your own page) with `ctx.state.antomPayment` set (`{ order, update }`).
   */
  onReturn?(ctx: PaymentContext, result: { order: ResolvedOrder; update?: PaymentStatusUpdate }): void | Promise<void>;
  /** Absolute path Antom notifies, e.g. `/antom/notifications` (sent as paymentNotifyUrl and refundNotifyUrl). */
  notifyPath: string;
  /** The shop's public origin, e.g. `https://shop.example.com`. */
  publicUrl: string;
  /** `payment` calls `payments.pay` (hosted cashier); `session` calls `payments.createPaymentSession`. Default `payment`. */
  mode?: 'payment' | 'session';
  /** Default `CARD` for `payment` mode; omitted in `session` mode unless set. */
  paymentMethodType?: string;
  /** Adjust the request before it is sent (env, settlementStrategy, goods...). Amount and ids are already set. */
  buildRequest?<T extends PayRequest | CreatePaymentSessionRequest>(
    request: T,
    order: ResolvedOrder,
    ctx: PaymentContext,
  ): T;
  /** Route paths; `false` leaves a route out. Defaults match the sample shops' contract. */
  paths?: Partial<Record<'checkout' | 'return' | 'status' | 'refund', string | false>>;
  /** The @koa/router instance to add the routes to (its prefix applies). Default: a new `Router()`. */
  router?: Router<AntomState>;
}

export const DEFAULT_PAYMENT_PATHS = {
  checkout: '/api/orders/:orderId/checkout',
  return: '/orders/:orderId',
  status: '/api/orders/:orderId/payment',
  refund: '/api/orders/:orderId/refunds',
} as const;

const REFUND_BODY_LIMIT = 16 * 1024;

/** `'next'` hands on to the next middleware (the app's return page). */
type Step = (order: ResolvedOrder, ctx: PaymentContext, base: string) => Promise<'next' | undefined>;

/**
 * Checkout, return, status and refund routes for orders the app owns, on a @koa/router `Router`:
 * `const payments = antomPaymentRoutes({ client, resolveOrder, onPaymentStatus, authorizeRefund, notifyPath, publicUrl });`
 * `app.use(payments.routes()).use(payments.allowedMethods())`.
 */
export function antomPaymentRoutes(options: AntomPaymentRoutesOptions): Router<AntomState> {
  checkOptions(options);
  const paths = { ...DEFAULT_PAYMENT_PATHS, ...options.paths };
  const router = options.router ?? new (loadRouter())<AntomState>();
  const route = (template: string, step: Step) => async (ctx: PaymentContext, next: Next) => {
    ctx.state.antom = clientFor(options, ctx);
    let then: 'next' | undefined;
    try {
      const order = await options.resolveOrder(String(ctx.params.orderId), ctx);
      if (!order) {
        fail(ctx, 404, 'ORDER_NOT_FOUND', 'No such order.');
        return;
      }
      then = await step(order, ctx, baseOf(ctx, template));
    } catch (error) {
      answerError(error, ctx);
    }
    if (then === 'next') await next();
  };

  const step =
    (run: (order: ResolvedOrder, ctx: PaymentContext, base: string) => Promise<void>): Step =>
    async (order, ctx, base) => {
      await run(order, ctx, base);
      return undefined;
    };
  if (paths.checkout)
    router.post(
      paths.checkout,
      route(
        paths.checkout,
        step((o, c, b) => checkout(options, o, c, b)),
      ),
    );
  if (paths.return)
    router.get(
      paths.return,
      route(paths.return, (o, c) => returned(options, o, c)),
    );
  if (paths.status)
    router.get(
      paths.status,
      route(
        paths.status,
        step((o, c) => status(options, o, c)),
      ),
    );
  if (paths.refund)
    router.post(
      paths.refund,
      route(
        paths.refund,
        step((o, c) => refund(options, o, c)),
      ),
    );
  return router;
}

/** The original path up to where this route's template starts: koa-mount and router prefixes included. */
function baseOf(ctx: PaymentContext, template: string): string {
  const segments = template.split('/').filter(Boolean).length;
  const original = (ctx.originalUrl.split('?')[0] ?? '').split('/');
  return original.slice(0, original.length - segments).join('/');
}

function checkOptions(options: AntomPaymentRoutesOptions): void {
  for (const name of ['resolveOrder', 'onPaymentStatus', 'authorizeRefund'] as const) {
    if (typeof options[name] !== 'function') {
      throw new AntomConfigError('OPTION_MISSING', `antomPaymentRoutes() needs a \`${name}\` function.`);
    }
  }
  if (!options.client)
    throw new AntomConfigError('OPTION_MISSING', 'antomPaymentRoutes() needs `client` (an AntomClient).');
  if (typeof options.publicUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(options.publicUrl.replace(/\/$/, ''))) {
    throw new AntomConfigError(
      'OPTION_INVALID',
      '`publicUrl` must be the shop origin, e.g. "https://shop.example.com".',
    );
  }
  if (typeof options.notifyPath !== 'string' || !options.notifyPath.startsWith('/')) {
    throw new AntomConfigError('OPTION_INVALID', '`notifyPath` must be an absolute path, e.g. "/antom/notifications".');
  }
}

function absolute(options: AntomPaymentRoutesOptions, path: string): string {
  return options.publicUrl.replace(/\/$/, '') + path;
}

/** The return URL for this order, under the same mount path and router prefix as the current route. */
function returnUrl(options: AntomPaymentRoutesOptions, order: ResolvedOrder, base: string): string {
  const template = options.paths?.return || DEFAULT_PAYMENT_PATHS.return;
  return absolute(options, base + template.replace(':orderId', encodeURIComponent(order.orderId)));
}

/** A browser form post (or a page asking for HTML) gets a 303 redirect; fetch gets JSON. */
function wantsRedirect(ctx: PaymentContext): boolean {
  if (ctx.is('application/x-www-form-urlencoded', 'multipart/form-data')) return true;
  return ctx.accepts('json', 'html') === 'html';
}

function existingPaymentRequestId(options: AntomPaymentRoutesOptions, order: ResolvedOrder): string | undefined {
  return order.paymentRequestId ?? (options.getOrCreatePaymentRequestId ? undefined : order.orderId);
}

function clientOf(ctx: PaymentContext): AntomClient {
  return ctx.state.antom as AntomClient;
}

async function checkout(options: AntomPaymentRoutesOptions, order: ResolvedOrder, ctx: PaymentContext, base: string) {
  const paymentRequestId = options.getOrCreatePaymentRequestId
    ? await options.getOrCreatePaymentRequestId(order, ctx)
    : (order.paymentRequestId ?? order.orderId);
  const userAgent = ctx.get('user-agent');
  const common = {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: order.orderId, orderDescription: order.description, orderAmount: order.amount },
    paymentAmount: order.amount,
    paymentRedirectUrl: returnUrl(options, order, base),
    paymentNotifyUrl: absolute(options, options.notifyPath),
    env: { terminalType: 'WEB' as const, ...(userAgent ? { userAgent } : {}) },
  };
  let result: CheckoutResult;
  if (options.mode === 'session') {
    const request: CreatePaymentSessionRequest = {
      ...common,
      ...(options.paymentMethodType ? { paymentMethod: { paymentMethodType: options.paymentMethodType } } : {}),
    };
    const session = await clientOf(ctx).payments.createPaymentSession(
      options.buildRequest ? options.buildRequest(request, order, ctx) : request,
    );
    result = {
      paymentRequestId,
      redirectUrl: session.normalUrl ?? common.paymentRedirectUrl,
      ...(session.paymentSessionId ? { paymentSessionId: session.paymentSessionId } : {}),
      ...(session.paymentSessionData ? { paymentSessionData: session.paymentSessionData } : {}),
    };
  } else {
    const request: PayRequest = {
      ...common,
      paymentMethod: { paymentMethodType: options.paymentMethodType ?? 'CARD' },
    };
    const paid = await clientOf(ctx).payments.pay(
      options.buildRequest ? options.buildRequest(request, order, ctx) : request,
    );
    result = {
      paymentRequestId,
      redirectUrl: paid.normalUrl ?? common.paymentRedirectUrl,
      ...(paid.paymentId ? { paymentId: paid.paymentId } : {}),
    };
  }
  await options.onCheckout?.(order, result, ctx);
  if (wantsRedirect(ctx)) {
    ctx.status = 303;
    ctx.redirect(result.redirectUrl);
  } else {
    ctx.status = 200;
    ctx.body = result;
  }
}

/** Inquires Antom about the order's current attempt; `undefined` when there is none yet. */
async function inquire(
  options: AntomPaymentRoutesOptions,
  order: ResolvedOrder,
  ctx: PaymentContext,
  source: PaymentStatusUpdate['source'],
): Promise<PaymentStatusUpdate | undefined> {
  const paymentRequestId = existingPaymentRequestId(options, order);
  if (!paymentRequestId) return undefined;
  let inquiry: InquiryPaymentResponse;
  try {
    inquiry = await clientOf(ctx).payments.inquiryPayment({ paymentRequestId });
  } catch (error) {
    if (error instanceof AntomApiError && error.resultCode === 'ORDER_NOT_EXIST') return undefined;
    throw error;
  }
  const update: PaymentStatusUpdate = {
    orderId: order.orderId,
    paymentRequestId,
    ...(inquiry.paymentId ? { paymentId: inquiry.paymentId } : {}),
    paymentStatus: inquiry.paymentStatus ?? 'PROCESSING',
    source,
    inquiry,
  };
  await options.onPaymentStatus(update, ctx);
  return update;
}

async function returned(
  options: AntomPaymentRoutesOptions,
  order: ResolvedOrder,
  ctx: PaymentContext,
): Promise<'next' | undefined> {
  const update = await inquire(options, order, ctx, 'return');
  if (options.onReturn) {
    await options.onReturn(ctx, { order, ...(update ? { update } : {}) });
    return undefined;
  }
  ctx.state.antomPayment = { order, ...(update ? { update } : {}) };
  return 'next';
}

async function status(options: AntomPaymentRoutesOptions, order: ResolvedOrder, ctx: PaymentContext) {
  const update = await inquire(options, order, ctx, 'status');
  ctx.status = 200;
  ctx.body = {
    orderId: order.orderId,
    paymentRequestId: update?.paymentRequestId ?? null,
    paymentId: update?.paymentId ?? null,
    paymentStatus: update?.paymentStatus ?? null,
  };
}

async function refund(options: AntomPaymentRoutesOptions, order: ResolvedOrder, ctx: PaymentContext) {
  const allowed = await options.authorizeRefund(ctx, order);
  if (allowed !== true) {
    const unauthenticated = allowed === 'unauthenticated';
    fail(ctx, unauthenticated ? 401 : 403, unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN', 'Refund not allowed.');
    return;
  }
  const input = await refundInput(ctx);
  const plan = options.prepareRefund ? await options.prepareRefund(order, input, ctx) : defaultRefundPlan(order, input);
  const client = clientOf(ctx);
  const paymentId = plan.paymentId ?? order.paymentId ?? (await paidPaymentId(options, order, client));
  const answer = await client.payments.refund({
    refundRequestId: plan.refundRequestId,
    paymentId,
    refundAmount: plan.amount,
    refundNotifyUrl: absolute(options, options.notifyPath),
  });
  await options.onRefund?.(order, { ...answer, refundRequestId: plan.refundRequestId }, ctx);
  ctx.status = 202;
  ctx.body = { refundRequestId: plan.refundRequestId, ...(answer.refundId ? { refundId: answer.refundId } : {}) };
}

async function paidPaymentId(options: AntomPaymentRoutesOptions, order: ResolvedOrder, client: AntomClient) {
  const paymentRequestId = existingPaymentRequestId(options, order);
  const inquiry = paymentRequestId ? await client.payments.inquiryPayment({ paymentRequestId }) : undefined;
  if (inquiry?.paymentStatus !== 'SUCCESS' || !inquiry.paymentId) {
    throw new RouteError(409, 'NOT_PAID', 'Only a paid order can be refunded.');
  }
  return inquiry.paymentId;
}

/** The refund body: a body parser's object when one consumed the stream, else the bytes read here. */
async function refundInput(ctx: PaymentContext): Promise<{ amount?: Amount }> {
  let body: unknown = (ctx.request as { body?: unknown }).body;
  const parsedObject = body !== null && typeof body === 'object' && !Buffer.isBuffer(body);
  if (!(parsedObject && streamConsumed(ctx.req))) {
    const { body: raw, truncated } = await readRawBody(ctx, REFUND_BODY_LIMIT);
    if (truncated) {
      ctx.set('Connection', 'close');
      throw new RouteError(413, 'BODY_TOO_LARGE', 'The refund request is too large.');
    }
    const text = raw.toString().trim();
    try {
      body = text ? safeJsonParse(text) : {};
    } catch {
      throw new RouteError(
        400,
        'BODY_INVALID',
        'The refund request body must be JSON: { "amount"?: { currency, value } }.',
      );
    }
  }
  const amount = (body as { amount?: unknown } | null)?.amount;
  if (amount === undefined) return {};
  const { currency, value } = (amount ?? {}) as Partial<Amount>;
  if (typeof currency !== 'string' || typeof value !== 'string' || !/^[1-9][0-9]{0,17}$/.test(value)) {
    throw new RouteError(
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
    throw new RouteError(
      400,
      'AMOUNT_INVALID',
      `A refund is at most ${order.amount.value} ${order.amount.currency} minor units.`,
    );
  }
  return { refundRequestId: `${order.orderId}_refund_${Date.now().toString(36)}`.slice(-64), amount };
}

class RouteError extends AntomError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

function fail(ctx: PaymentContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

/** Known failures become JSON answers; anything else goes on to the app's error handling. */
function answerError(error: unknown, ctx: PaymentContext): void {
  if (ctx.headerSent) throw error;
  if (error instanceof RouteError) fail(ctx, error.status, error.code, error.message);
  else if (error instanceof AntomApiError) fail(ctx, 422, error.resultCode, error.resultMessage);
  else if (error instanceof AntomError && !(error instanceof AntomConfigError))
    fail(ctx, 502, error.code, error.message);
  else throw error;
}
