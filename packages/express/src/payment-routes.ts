import {
  type Amount,
  AntomApiError,
  type AntomClient,
  AntomConfigError,
  AntomError,
  type CreatePaymentSessionRequest,
  type CreatePaymentSessionResponse,
  type InquiryPaymentResponse,
  type PaymentStatus,
  type PayRequest,
  type RefundResponse,
  safeJsonParse,
} from '@antomkit/core';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type AntomClientAccess, clientFor } from './client';
import { readRawBody } from './raw-body';

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

export interface AntomPaymentRoutesOptions extends AntomClientAccess {
  /** Looks the order up in the app's database; `undefined` -> 404. */
  resolveOrder(orderId: string, req: Request): Promise<ResolvedOrder | undefined> | ResolvedOrder | undefined;
  /**
   * The payment request id of this order's current attempt, created once and persisted by the app, returned
   * unchanged on every retry (so a retried checkout can never pay twice). Default: `order.paymentRequestId`,
   * else the order id (one attempt per order).
   */
  getOrCreatePaymentRequestId?(order: ResolvedOrder, req: Request): Promise<string> | string;
  /** Called after checkout created the payment (e.g. mark the order PENDING). */
  onCheckout?(order: ResolvedOrder, result: CheckoutResult, req: Request): Promise<void> | void;
  /** Every status the return and status routes learn from Antom. Notifications stay the source of truth. */
  onPaymentStatus(update: PaymentStatusUpdate, req: Request): Promise<void> | void;
  /** The app's own auth for refunds: `true` allows, `false`/`'forbidden'` -> 403, `'unauthenticated'` -> 401. */
  authorizeRefund(req: Request, order: ResolvedOrder): Promise<RefundAuthorization> | RefundAuthorization;
  /** Reserve a refund in the app's database (its request id, amount within what is left). Default: one full refund. */
  prepareRefund?(order: ResolvedOrder, input: { amount?: Amount }, req: Request): Promise<RefundPlan> | RefundPlan;
  /** Called with Antom's answer to a refund request. */
  onRefund?(
    order: ResolvedOrder,
    refund: RefundResponse & { refundRequestId: string },
    req: Request,
  ): Promise<void> | void;
  /**
   * The buyer is back from Antom. Render or redirect here; by default the router hands on to the app's own
   * route with `res.locals.antomPayment` set (`{ order, update }`).
   */
  onReturn?(
    req: Request,
    res: Response,
    result: { order: ResolvedOrder; update?: PaymentStatusUpdate },
  ): void | Promise<void>;
  /** Absolute path Antom notifies, e.g. `/antom/notifications` (sent as paymentNotifyUrl and refundNotifyUrl). */
  notifyPath: string;
  /** The shop's public origin, e.g. `https://shop.example.com`. */
  publicUrl: string;
  /** `payment` calls `payments.pay` (hosted cashier); `session` calls `payments.createPaymentSession`. Default `payment`. */
  mode?: 'payment' | 'session';
  /** Default `CARD` for `payment` mode; omitted in `session` mode unless set. */
  paymentMethodType?: string;
  /** Adjust the request before it is sent (env, settlementStrategy, goods...). Amount and ids are already set. */
  buildRequest?<T extends PayRequest | CreatePaymentSessionRequest>(request: T, order: ResolvedOrder, req: Request): T;
  /** Route paths; `false` leaves a route out. Defaults match the sample shops' contract. */
  paths?: Partial<Record<'checkout' | 'return' | 'status' | 'refund', string | false>>;
  /** A Router factory; pass `express.Router` of the app's own Express when several copies are installed. */
  router?: () => Router;
}

export const DEFAULT_PAYMENT_PATHS = {
  checkout: '/api/orders/:orderId/checkout',
  return: '/orders/:orderId',
  status: '/api/orders/:orderId/payment',
  refund: '/api/orders/:orderId/refunds',
} as const;

const REFUND_BODY_LIMIT = 16 * 1024;

type Step = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/**
 * Checkout, return, status and refund routes for orders the app owns:
 * `app.use(antomPaymentRoutes({ client, resolveOrder, onPaymentStatus, authorizeRefund, notifyPath, publicUrl }))`.
 */
export function antomPaymentRoutes(options: AntomPaymentRoutesOptions): Router {
  checkOptions(options);
  const paths = { ...DEFAULT_PAYMENT_PATHS, ...options.paths };
  const router = (options.router ?? express.Router)();
  const route = (step: Step) => (req: Request, res: Response, next: NextFunction) => {
    req.antom = clientFor(options, req);
    step(req, res, next).catch((error: unknown) => answerError(error, res, next));
  };
  const withOrder =
    (step: (order: ResolvedOrder, req: Request, res: Response, next: NextFunction) => Promise<void>): Step =>
    async (req, res, next) => {
      const order = await options.resolveOrder(String(req.params.orderId), req);
      if (!order) {
        res.status(404).json({ error: { code: 'ORDER_NOT_FOUND', message: 'No such order.' } });
        return;
      }
      await step(order, req, res, next);
    };

  if (paths.checkout) router.post(paths.checkout, route(withOrder((o, req, res) => checkout(options, o, req, res))));
  if (paths.return)
    router.get(paths.return, route(withOrder((o, req, res, next) => returned(options, o, req, res, next))));
  if (paths.status) router.get(paths.status, route(withOrder((o, req, res) => status(options, o, req, res))));
  if (paths.refund) router.post(paths.refund, route(withOrder((o, req, res) => refund(options, o, req, res))));
  return router;
}

function checkOptions(options: AntomPaymentRoutesOptions): void {
  for (const name of ['resolveOrder', 'onPaymentStatus', 'authorizeRefund'] as const) {
    if (typeof options[name] !== 'function') {
      throw new AntomConfigError('OPTION_MISSING', `antomPaymentRoutes() needs a \`${name}\` function.`);
    }
  }
  if (!options.client)
    throw new AntomConfigError('OPTION_MISSING', 'antomPaymentRoutes() needs `client` (an AntomClient).');
  if (!/^https?:\/\/[^/]+$/.test(options.publicUrl.replace(/\/$/, ''))) {
    throw new AntomConfigError(
      'OPTION_INVALID',
      '`publicUrl` must be the shop origin, e.g. "https://shop.example.com".',
    );
  }
  if (!options.notifyPath.startsWith('/')) {
    throw new AntomConfigError('OPTION_INVALID', '`notifyPath` must be an absolute path, e.g. "/antom/notifications".');
  }
}

function absolute(options: AntomPaymentRoutesOptions, path: string): string {
  return options.publicUrl.replace(/\/$/, '') + path;
}

/** The return URL for this order, under the router's mount path. */
function returnUrl(
  options: AntomPaymentRoutesOptions,
  paths: string | false | undefined,
  order: ResolvedOrder,
  req: Request,
) {
  const template = paths || DEFAULT_PAYMENT_PATHS.return;
  return absolute(options, req.baseUrl + template.replace(':orderId', encodeURIComponent(order.orderId)));
}

/** A browser form post (or a page asking for HTML) gets a 303 redirect; fetch gets JSON. */
function wantsRedirect(req: Request): boolean {
  if (req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) return true;
  return req.accepts(['json', 'html']) === 'html';
}

function existingPaymentRequestId(options: AntomPaymentRoutesOptions, order: ResolvedOrder): string | undefined {
  return order.paymentRequestId ?? (options.getOrCreatePaymentRequestId ? undefined : order.orderId);
}

async function checkout(options: AntomPaymentRoutesOptions, order: ResolvedOrder, req: Request, res: Response) {
  const paymentRequestId = options.getOrCreatePaymentRequestId
    ? await options.getOrCreatePaymentRequestId(order, req)
    : (order.paymentRequestId ?? order.orderId);
  const client = req.antom as AntomClient;
  const common = {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: order.orderId, orderDescription: order.description, orderAmount: order.amount },
    paymentAmount: order.amount,
    paymentRedirectUrl: returnUrl(options, options.paths?.return, order, req),
    paymentNotifyUrl: absolute(options, options.notifyPath),
    env: { terminalType: 'WEB' as const, ...(req.get('user-agent') ? { userAgent: req.get('user-agent') } : {}) },
  };
  let result: CheckoutResult;
  if (options.mode === 'session') {
    const request: CreatePaymentSessionRequest = {
      ...common,
      ...(options.paymentMethodType ? { paymentMethod: { paymentMethodType: options.paymentMethodType } } : {}),
    };
    const session: CreatePaymentSessionResponse = await client.payments.createPaymentSession(
      options.buildRequest ? options.buildRequest(request, order, req) : request,
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
    const paid = await client.payments.pay(options.buildRequest ? options.buildRequest(request, order, req) : request);
    result = {
      paymentRequestId,
      redirectUrl: paid.normalUrl ?? common.paymentRedirectUrl,
      ...(paid.paymentId ? { paymentId: paid.paymentId } : {}),
    };
  }
  await options.onCheckout?.(order, result, req);
  if (wantsRedirect(req)) res.redirect(303, result.redirectUrl);
  else res.status(200).json(result);
}

/** Inquires Antom about the order's current attempt; `undefined` when there is none yet. */
async function inquire(
  options: AntomPaymentRoutesOptions,
  order: ResolvedOrder,
  req: Request,
  source: PaymentStatusUpdate['source'],
): Promise<PaymentStatusUpdate | undefined> {
  const paymentRequestId = existingPaymentRequestId(options, order);
  if (!paymentRequestId) return undefined;
  let inquiry: InquiryPaymentResponse;
  try {
    inquiry = await (req.antom as AntomClient).payments.inquiryPayment({ paymentRequestId });
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
  await options.onPaymentStatus(update, req);
  return update;
}

async function returned(
  options: AntomPaymentRoutesOptions,
  order: ResolvedOrder,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  const update = await inquire(options, order, req, 'return');
  if (options.onReturn) {
    await options.onReturn(req, res, { order, ...(update ? { update } : {}) });
    return;
  }
  res.locals.antomPayment = { order, update };
  next();
}

async function status(options: AntomPaymentRoutesOptions, order: ResolvedOrder, req: Request, res: Response) {
  const update = await inquire(options, order, req, 'status');
  res.status(200).json({
    orderId: order.orderId,
    paymentRequestId: update?.paymentRequestId ?? null,
    paymentId: update?.paymentId ?? null,
    paymentStatus: update?.paymentStatus ?? null,
  });
}

async function refund(options: AntomPaymentRoutesOptions, order: ResolvedOrder, req: Request, res: Response) {
  const allowed = await options.authorizeRefund(req, order);
  if (allowed !== true) {
    const unauthenticated = allowed === 'unauthenticated';
    res
      .status(unauthenticated ? 401 : 403)
      .json({ error: { code: unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN', message: 'Refund not allowed.' } });
    return;
  }
  const input = await refundInput(req);
  const plan = options.prepareRefund ? await options.prepareRefund(order, input, req) : defaultRefundPlan(order, input);
  const client = req.antom as AntomClient;
  const paymentId = plan.paymentId ?? order.paymentId ?? (await paidPaymentId(options, order, client));
  const answer = await client.payments.refund({
    refundRequestId: plan.refundRequestId,
    paymentId,
    refundAmount: plan.amount,
    refundNotifyUrl: absolute(options, options.notifyPath),
  });
  await options.onRefund?.(order, { ...answer, refundRequestId: plan.refundRequestId }, req);
  res
    .status(202)
    .json({ refundRequestId: plan.refundRequestId, ...(answer.refundId ? { refundId: answer.refundId } : {}) });
}

async function paidPaymentId(options: AntomPaymentRoutesOptions, order: ResolvedOrder, client: AntomClient) {
  const paymentRequestId = existingPaymentRequestId(options, order);
  const inquiry = paymentRequestId ? await client.payments.inquiryPayment({ paymentRequestId }) : undefined;
  if (inquiry?.paymentStatus !== 'SUCCESS' || !inquiry.paymentId) {
    throw new RouteError(409, 'NOT_PAID', 'Only a paid order can be refunded.');
  }
  return inquiry.paymentId;
}

async function refundInput(req: Request): Promise<{ amount?: Amount }> {
  let body: unknown = req.body;
  if (body === undefined || Buffer.isBuffer(body) || typeof body === 'string') {
    const raw = await readRawBody(req, REFUND_BODY_LIMIT);
    const text = raw.toString().trim();
    if (text.length > REFUND_BODY_LIMIT)
      throw new RouteError(413, 'BODY_TOO_LARGE', 'The refund request is too large.');
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

function answerError(error: unknown, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
  } else if (error instanceof RouteError) {
    res.status(error.status).json({ error: { code: error.code, message: error.message } });
  } else if (error instanceof AntomApiError) {
    res.status(422).json({ error: { code: error.resultCode, message: error.resultMessage } });
  } else if (error instanceof AntomError && !(error instanceof AntomConfigError)) {
    res.status(502).json({ error: { code: error.code, message: error.message } });
  } else {
    next(error);
  }
}
