import type { AntomClient } from '@antomkit/core';
import { antomNotifications, antomPaymentRoutes } from '@antomkit/express';
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
import express, { type ErrorRequestHandler, type Express } from 'express';

export type { ShopOptions };

export interface Shop {
  app: Express;
  client: AntomClient;
  close(): Promise<void>;
}

const NOTIFY_PATH = '/antom/notifications';

/** The whole shop as an Express app; `main.ts` adds the environment, the database and `listen`. */
export function createShop(options: ShopOptions): Shop {
  const { orders } = options;
  const name = options.name ?? 'Antom tea shop (Express)';
  const client = antomClientFrom(options.antom);
  const app = express();
  app.disable('x-powered-by');

  // Notifications first: the receiver verifies the signature over the exact bytes, so no JSON parser in front.
  // Orders change here and only here, in one transaction that also records the notification's key.
  app.post(
    NOTIFY_PATH,
    antomNotifications({
      clientId: options.antom.clientId,
      antomPublicKey: options.antom.antomPublicKey,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      handlers: orderNotificationHandlers(orders, options.logger === false ? false : console.log),
    }),
  );

  app.use(express.json({ limit: '16kb' }));

  app.get('/', (_req, res) => {
    res.type('html').send(storefrontPage(name, describeMode(options.antom)));
  });
  app.get('/api/products', (_req, res) => {
    res.json(catalogue);
  });
  app.post('/api/orders', async (req, res) => {
    const order = await orders.createOrder((req.body as { items?: unknown } | undefined)?.items);
    res.status(201).json({ orderId: order.orderId, amount: order.amount, status: order.status });
  });
  app.get('/api/orders/:orderId', async (req, res) => {
    const order = await orders.getOrder(req.params.orderId);
    if (!order) res.status(404).json({ error: { code: 'ORDER_NOT_FOUND', message: 'No such order.' } });
    else res.json(order);
  });

  // Checkout, the return page and refunds. Amounts come from the database; the return only renders the page.
  app.use(
    antomPaymentRoutes({
      client,
      publicUrl: options.publicUrl,
      notifyPath: NOTIFY_PATH,
      resolveOrder: async (orderId) => paymentOrder(await orders.getOrder(orderId)),
      getOrCreatePaymentRequestId: async (order) => (await orders.startCheckout(order.orderId)).paymentRequestId,
      onPaymentStatus: () => {}, // notifications are the source of truth
      onReturn: (_req, res, { order }) => {
        res.type('html').send(orderPage(name, order.orderId));
      },
      authorizeRefund: (req) => checkAdminToken(req.get('authorization'), options.adminToken),
      prepareRefund: async (order, { amount }, req) => {
        const plan = await orders.startRefund(order.orderId, amount);
        // Antom refused the refund outright (422): release the reservation so it can be tried again.
        req.res!.once('finish', () => {
          if (req.res!.statusCode === 422) {
            void orders.applyRefundResult({ refundRequestId: plan.refundRequestId, outcome: 'FAIL' }).catch(() => {});
          }
        });
        return plan;
      },
    }),
  );

  app.use(errors);
  return { app, client, close: () => client.close() };
}

const errors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const reply = shopErrorReply(error);
  if (reply.status === 500) console.error(error);
  res.status(reply.status).json(reply.body);
};
