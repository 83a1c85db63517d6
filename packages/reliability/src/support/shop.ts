import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DedupeStore, NotificationLogger } from '@antomkit/core';
import { antomNotifications } from '@antomkit/express';
import type { OrderStore } from '@antomkit/shop-kit';
import express from 'express';

export interface NotificationShopOptions {
  orders: OrderStore;
  clientId: string;
  antomPublicKey: string;
  dedupe?: DedupeStore;
  logger?: NotificationLogger | false;
  /** Called before the handler does its work; throw to fail this attempt (Antom retries). */
  beforeHandle?: (dedupeKey: string, requestId: string) => void | Promise<void>;
}

export interface HandlerStats {
  /** Handler runs that reached the database (first application or a replay the store refused). */
  applied: number;
  replays: number;
  failures: number;
}

/**
 * The notification half of the sample shop, as it wires it: `antomNotifications` on Express, each notification
 * applied to the `OrderStore` in one transaction keyed by the receiver's dedupe key.
 */
export function notificationShop(options: NotificationShopOptions) {
  const stats: HandlerStats = { applied: 0, replays: 0, failures: 0 };
  const guard = async (key: string, requestId: string) => {
    try {
      await options.beforeHandle?.(key, requestId);
    } catch (error) {
      stats.failures++;
      throw error;
    }
  };
  const count = (applied: boolean) => (applied ? stats.applied++ : stats.replays++);
  const app = express();
  app.post(
    '/antom/notifications',
    antomNotifications({
      clientId: options.clientId,
      antomPublicKey: options.antomPublicKey,
      ...(options.dedupe ? { dedupe: options.dedupe } : {}),
      logger: options.logger ?? false,
      handlers: {
        PAYMENT_RESULT: async (n, { dedupeKey }) => {
          await guard(dedupeKey, n.paymentRequestId);
          const outcome =
            n.result.resultStatus === 'S' ? 'SUCCESS' : n.result.resultStatus === 'F' ? 'FAIL' : 'PROCESSING';
          const { applied } = await options.orders.applyPaymentResult({
            paymentRequestId: n.paymentRequestId,
            ...(n.paymentId ? { paymentId: n.paymentId } : {}),
            outcome,
            notificationKey: dedupeKey,
          });
          count(applied);
        },
        REFUND_RESULT: async (n, { dedupeKey }) => {
          await guard(dedupeKey, n.refundRequestId);
          const { applied } = await options.orders.applyRefundResult({
            refundRequestId: n.refundRequestId,
            ...(n.refundId ? { refundId: n.refundId } : {}),
            outcome: n.refundStatus === 'SUCCESS' ? 'SUCCESS' : 'FAIL',
            notificationKey: dedupeKey,
          });
          count(applied);
        },
      },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, pid: process.pid });
  });
  return { app, stats };
}

export async function listen(app: express.Express, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
