import { timingSafeEqual } from 'node:crypto';
import { AntomApiError, type AntomClient, type KeyInput } from '@antomkit/core';
import { antomNotifications } from '@antomkit/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { homePage, orderPage, reconciliationPage, sellerPage } from './pages';
import { MarketplaceRecords, type Order, RecordError } from './records';
import { MarketplaceService } from './service';

export interface MarketplaceAppOptions {
  antom: AntomClient;
  clientId: string;
  antomPublicKey: KeyInput;
  publicUrl: string;
  adminToken: string;
  reportsOrigin?: string;
  note?: string;
  records?: MarketplaceRecords;
}

const form = express.urlencoded({ extended: false, limit: '8kb' });
const json = express.json({ limit: '8kb' });

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.is('application/json') === 'application/json';
}

/** Express 5 app: pages for people, `/api/*` JSON for scripts, `/antom/notifications` for Antom. */
export function createMarketplaceApp(options: MarketplaceAppOptions) {
  const records = options.records ?? new MarketplaceRecords();
  const service = new MarketplaceService({
    antom: options.antom,
    records,
    publicUrl: () => options.publicUrl,
    ...(options.reportsOrigin ? { reportsOrigin: options.reportsOrigin } : {}),
  });
  const app = express();
  app.disable('x-powered-by');

  app.post(
    '/antom/notifications',
    antomNotifications({
      clientId: options.clientId,
      antomPublicKey: options.antomPublicKey,
      handlers: {
        REGISTRATION_RESULT: async (n) => {
          const seller = records.sellers.get(n.referenceMerchantId);
          if (!seller || seller.registrationRequestId !== n.registrationRequestId) return;
          seller.status =
            n.registrationStatus === 'SUCCESSFUL'
              ? 'SUCCESSFUL'
              : n.registrationStatus === 'FAILED'
                ? 'FAILED'
                : 'PROCESSING';
          if (n.reasonCode) seller.reasonCode = n.reasonCode;
          if (n.reasonMessage) seller.reasonMessage = n.reasonMessage;
        },
        PAYMENT_RESULT: async (n) => {
          const order = records.orderByPayment(n);
          if (!order) return;
          service.paymentOutcome(
            order,
            n.result.resultStatus === 'S' ? 'SUCCESS' : 'FAIL',
            n.paymentId,
            n.earliestSettlementTime,
          );
        },
        REFUND_RESULT: async (n) => {
          for (const order of records.orders.values()) {
            const refund = order.refunds.find((r) => r.refundRequestId === n.refundRequestId);
            if (!refund) continue;
            refund.status = n.refundStatus === 'SUCCESS' ? 'SUCCESS' : 'FAIL';
            records.updateRefundStatus(order);
          }
        },
        SETTLEMENT_RESULT: async (n) => {
          const order = [...records.orders.values()].find(
            (o) =>
              o.settlement &&
              (o.settlement.settlementId === n.settlementBatchId ||
                o.settlement.settlementRequestId === n.settlementRequestId),
          );
          const detail = order?.settlement?.details.find((d) => d.settleTo === n.settleTo);
          if (detail) detail.arrived = true;
        },
        DISPUTE_CREATED: async (n) => disputeUpdate(records, n),
        DISPUTE_ACCEPTED: async (n) => disputeUpdate(records, n),
        DEFENSE_SUPPLIED: async (n) => disputeUpdate(records, n),
        DISPUTE_JUDGED: async (n) => disputeUpdate(records, n),
      },
    }),
  );

  const admin = (req: Request) => {
    const header = req.get('authorization')?.replace(/^Bearer\s+/i, '');
    const given = Buffer.from(header ?? String((req.body as Record<string, unknown> | undefined)?.adminToken ?? ''));
    const expected = Buffer.from(options.adminToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new RecordError(401, 'Operator token required.');
  };
  const orderOf = (req: Request): Order => records.order(String(req.params.orderId));
  const done = (req: Request, res: Response, value: unknown, location: string, status = 200) =>
    wantsJson(req) ? res.status(status).json(value) : res.redirect(303, location);

  app.get('/', (_req, res) => {
    res.type('html').send(homePage([...records.sellers.values()], options.note ?? ''));
  });
  for (const path of ['/sellers', '/api/sellers']) {
    app.post(path, form, json, async (req, res) => {
      const seller = await service.registerSeller((req.body ?? {}) as Record<string, string>);
      done(req, res, seller, `/sellers/${seller.sellerId}`, 201);
    });
  }
  app.get('/sellers/:sellerId', async (req, res) => {
    const seller = records.seller(req.params.sellerId);
    res.type('html').send(sellerPage(seller, await service.balance(seller)));
  });
  app.get('/api/sellers/:sellerId', async (req, res) => {
    const seller = records.seller(req.params.sellerId);
    res.json({ ...seller, balance: await service.balance(seller) });
  });
  for (const path of ['/sellers/:sellerId/orders', '/api/sellers/:sellerId/orders']) {
    app.post(path, async (req, res) => {
      const { order, redirectUrl } = await service.checkout(String(req.params.sellerId));
      if (wantsJson(req))
        res.status(201).json({ orderId: order.orderId, paymentRequestId: order.paymentRequestId, redirectUrl });
      else res.redirect(303, redirectUrl);
    });
  }
  app.get('/orders/:orderId', async (req, res) => {
    const order = orderOf(req);
    await service.refreshPayment(order);
    const message = typeof req.query.message === 'string' ? req.query.message.slice(0, 300) : undefined;
    res.type('html').send(orderPage(order, records.seller(order.sellerId), message));
  });
  app.get('/api/orders/:orderId', async (req, res) => {
    const order = orderOf(req);
    await service.refreshPayment(order);
    res.json(order);
  });
  for (const prefix of ['', '/api']) {
    app.post(`${prefix}/orders/:orderId/settle`, form, json, async (req, res) => {
      admin(req);
      const order = orderOf(req);
      await service.settle(order);
      done(req, res, order.settlement, `/orders/${order.orderId}`);
    });
    app.post(`${prefix}/orders/:orderId/refunds`, form, json, async (req, res) => {
      admin(req);
      const order = orderOf(req);
      const raw = (req.body as Record<string, unknown>).amount;
      const value = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
      const amount =
        value === undefined || value === '' ? undefined : { currency: order.amount.currency, value: String(value) };
      const refundRequestId = await service.refund(order, amount);
      done(req, res, { refundRequestId }, `/orders/${order.orderId}`, 202);
    });
    app.post(`${prefix}/orders/:orderId/dispute`, form, json, async (req, res) => {
      admin(req);
      const order = orderOf(req);
      const answer = (req.body as Record<string, unknown>).answer === 'defend' ? 'defend' : 'accept';
      await service.answerDispute(order, answer);
      done(req, res, order.dispute, `/orders/${order.orderId}`);
    });
  }
  app.get('/reconciliation', async (_req, res) => {
    const { files, result } = await service.reconciliation();
    res.type('html').send(reconciliationPage(files, result));
  });
  app.get('/api/reconciliation', async (_req, res) => {
    res.json(await service.reconciliation());
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof RecordError ? error.status : error instanceof AntomApiError ? 409 : 500;
    const message =
      error instanceof RecordError
        ? error.message
        : error instanceof AntomApiError
          ? `Antom: ${error.resultCode} - ${error.resultMessage}`
          : 'Something went wrong.';
    if (status === 500) console.error('[marketplace]', error);
    const orderId = /^\/orders\/([^/]+)\//.exec(req.path)?.[1];
    if (!wantsJson(req) && orderId && records.orders.has(orderId) && req.method === 'POST') {
      res.redirect(303, `/orders/${orderId}?message=${encodeURIComponent(message)}`);
      return;
    }
    res
      .status(status)
      .json({ error: message, ...(error instanceof AntomApiError ? { resultCode: error.resultCode } : {}) });
  });
  return { app, records, service };
}

function disputeUpdate(
  records: MarketplaceRecords,
  n: {
    paymentId: string;
    paymentRequestId: string;
    disputeId: string;
    disputeNotificationType: string;
    disputeAmount?: { currency: string; value: string };
    disputeJudgedResult?: string;
  },
) {
  const order = records.orderByPayment(n);
  if (!order) return;
  order.dispute = {
    disputeId: n.disputeId,
    status: n.disputeNotificationType,
    ...(n.disputeAmount ? { amount: n.disputeAmount } : {}),
    ...(n.disputeJudgedResult ? { judgedResult: n.disputeJudgedResult } : {}),
  };
}
