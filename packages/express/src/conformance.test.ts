import type { AddressInfo } from 'node:net';
import {
  type AdapterUnderTest,
  describeAdapterConformance,
  type NotificationSetup,
  type PaymentSetup,
  type RunningApp,
} from '@antomkit/conformance';
import type { AntomClient } from '@antomkit/core';
import express5, { type NextFunction, type Request, type Response } from 'express';
// @ts-expect-error express@4 under an npm alias; its API is the subset typed by @types/express
import express4Untyped from 'express-v4';
import { antomNotifications, antomPaymentRoutes } from './index';

type ExpressFactory = typeof express5;
const express4 = express4Untyped as ExpressFactory;

function listen(app: ReturnType<ExpressFactory>, errors: unknown[]): Promise<RunningApp> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        errors,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function harness(express: ExpressFactory): AdapterUnderTest {
  return {
    bodyModes: ['stream', 'raw-parser', 'kept-raw-body'],
    mounts: ['route', 'prefix'],
    parsedBodyFix: ['before express.json()', "express.raw({ type: 'application/json' })", 'req.rawBody = buf'],
    async startNotifications(setup: NotificationSetup) {
      const app = express();
      const errors: unknown[] = [];
      if (setup.body === 'raw-parser') app.use(express.raw({ type: 'application/json', limit: '1mb' }));
      if (setup.body === 'kept-raw-body') {
        app.use(express.json({ verify: (req, _res, buf) => ((req as { rawBody?: Buffer }).rawBody = buf) }));
      }
      if (setup.body === 'parsed') app.use(express.json());
      const middleware = antomNotifications({ ...setup.receiver, handlers: setup.handlers });
      if (setup.mount === 'prefix') {
        const router = express.Router();
        router.post(setup.path, middleware);
        app.use(setup.prefix, router);
      } else {
        app.post(setup.path, middleware);
      }
      app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
        errors.push(err);
        res.status(err.status ?? 500).json({ error: 'failed' });
      });
      return listen(app, errors);
    },
    async startPayments(setup: PaymentSetup) {
      const app = express();
      const errors: unknown[] = [];
      const running = await listen(app, errors);
      app.post(setup.notifyPath, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(
        '/',
        antomPaymentRoutes({
          client: setup.client as AntomClient,
          router: express.Router,
          publicUrl: running.url,
          notifyPath: setup.notifyPath,
          resolveOrder: (orderId) => setup.orders.get(orderId),
          onPaymentStatus: (update) => setup.onPaymentStatus(update),
          authorizeRefund: (req) => {
            const auth = req.get('authorization');
            if (!auth) return 'unauthenticated';
            return auth === `Bearer ${setup.adminToken}`;
          },
        }),
      );
      app.get('/orders/:orderId', (_req, res) => {
        res
          .type('html')
          .send(`<p data-testid="order-status">${res.locals.antomPayment?.update?.paymentStatus ?? ''}</p>`);
      });
      app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
        errors.push(err);
        res.status(err.status ?? 500).json({ error: 'failed' });
      });
      return running;
    },
  };
}

describeAdapterConformance('express 5', harness(express5));
describeAdapterConformance('express 4', harness(express4));
