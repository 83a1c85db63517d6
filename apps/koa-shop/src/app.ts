import type { AntomClient } from '@antomkit/core';
import { type AntomState, antomNotifications, antomPaymentRoutes, DEFAULT_PAYMENT_PATHS } from '@antomkit/koa';
import {
  antomClientFrom,
  catalogue,
  checkAdminToken,
  describeMode,
  orderNotificationHandlers,
  orderPage,
  paymentOrder,
  type ShopOptions,
  shopErrorReply,
  storefrontPage,
} from '@antomkit/shop-kit';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';

export type { ShopOptions };

export interface Shop {
  app: Koa<AntomState>;
  client: AntomClient;
  close(): Promise<void>;
}

const NOTIFY_PATH = '/antom/notifications';

/** The whole shop as a Koa app; `main.ts` adds the environment, the database and `listen`. */
export function createShop(options: ShopOptions): Shop {
  const { orders } = options;
  const name = options.name ?? 'Antom tea shop (Koa)';
  const client = antomClientFrom(options.antom);
  const app = new Koa<AntomState>();
  const router = new Router<AntomState>();
  // JSON bodies only where the shop reads one; the notification route reads its own raw bytes.
  const json = bodyParser({ enableTypes: ['json'], jsonLimit: '16kb' });

  // The receiver verifies the signature over the exact bytes Antom sent, so no parser runs in front of it.
  // Orders change here and only here, in one transaction that also records the notification's key.
  router.post(
    NOTIFY_PATH,
    antomNotifications({
      clientId: options.antom.clientId,
      antomPublicKey: options.antom.antomPublicKey,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      handlers: orderNotificationHandlers(orders, options.logger === false ? false : console.log),
    }),
  );

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = storefrontPage(name, describeMode(options.antom));
  });
  router.get('/api/products', (ctx) => {
    ctx.body = catalogue;
  });
  router.post('/api/orders', json, async (ctx) => {
    const order = await orders.createOrder((ctx.request.body as { items?: unknown } | undefined)?.items);
    ctx.status = 201;
    ctx.body = { orderId: order.orderId, amount: order.amount, status: order.status };
  });
  router.get('/api/orders/:orderId', async (ctx) => {
    const order = await orders.getOrder(ctx.params.orderId!);
    if (order) ctx.body = order;
    else {
      ctx.status = 404;
      ctx.body = { error: { code: 'ORDER_NOT_FOUND', message: 'No such order.' } };
    }
  });

  // Antom refused a refund outright (422): release its reservation so it can be tried again.
  router.post(DEFAULT_PAYMENT_PATHS.refund, async (ctx, next) => {
    await next();
    const reserved = (ctx.state as RefundState).refundRequestId;
    if (reserved && ctx.status === 422) await orders.applyRefundResult({ refundRequestId: reserved, outcome: 'FAIL' });
  });

  // Checkout, the return page and refunds (the refund route reads its small JSON body itself, after the
  // admin check). Amounts come from the database; the return only renders the page.
  antomPaymentRoutes({
    router,
    client,
    publicUrl: options.publicUrl,
    notifyPath: NOTIFY_PATH,
    resolveOrder: async (orderId) => paymentOrder(await orders.getOrder(orderId)),
    getOrCreatePaymentRequestId: async (order) => (await orders.startCheckout(order.orderId)).paymentRequestId,
    onPaymentStatus: () => {}, // notifications are the source of truth
    onReturn: (ctx, { order }) => {
      ctx.type = 'html';
      ctx.body = orderPage(name, order.orderId);
    },
    authorizeRefund: (ctx) => checkAdminToken(ctx.get('authorization'), options.adminToken),
    prepareRefund: async (order, { amount }, ctx) => {
      const plan = await orders.startRefund(order.orderId, amount);
      (ctx.state as RefundState).refundRequestId = plan.refundRequestId;
      return plan;
    },
  });

  app.use(errors);
  app.use(router.routes()).use(router.allowedMethods());
  return { app, client, close: () => client.close() };
}

interface RefundState extends AntomState {
  refundRequestId?: string;
}

const errors: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const reply = shopErrorReply(error);
    if (reply.status === 500) console.error(error);
    ctx.status = reply.status;
    ctx.body = reply.body;
  }
};
