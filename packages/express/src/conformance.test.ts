import {
  type AdapterUnderTest,
  describeAdapterConformance,
  type MountedPaymentsSetup,
  type NotificationSetup,
  type PaymentSetup,
  serve,
  suitePaymentCallbacks,
} from '@antomkit/conformance';
import type { AntomClient } from '@antomkit/core';
import express5, { type NextFunction, type Request, type Response } from 'express';
// @ts-expect-error express@4 under an npm alias; its API is the subset typed by @types/express
import express4Untyped from 'express-v4';
import { type AntomPaymentRoutesOptions, antomClient, antomNotifications, antomPaymentRoutes } from './index';

type ExpressFactory = typeof express5;
const express4 = express4Untyped as ExpressFactory;

/** The app's error middleware: keeps what reached it for the suite, answers with the error's status. */
function recordErrors(errors: unknown[]) {
  return (err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(err);
    res.status(err.status ?? 500).json({ error: 'failed' });
  };
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
      app.use(recordErrors(errors));
      return serve(app, errors);
    },
    async startPayments(setup: PaymentSetup) {
      const app = express();
      const errors: unknown[] = [];
      const running = await serve(app, errors);
      app.post(setup.notifyPath, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(
        '/',
        antomPaymentRoutes({
          client: setup.client as AntomClient,
          router: express.Router,
          publicUrl: running.url,
          notifyPath: setup.notifyPath,
          ...suitePaymentCallbacks(setup, (req: Request) => req.get('authorization')),
        }),
      );
      app.get('/orders/:orderId', (_req, res) => {
        res
          .type('html')
          .send(`<p data-testid="order-status">${res.locals.antomPayment?.update?.paymentStatus ?? ''}</p>`);
      });
      app.use(recordErrors(errors));
      return running;
    },
    async startMountedPayments(setup: MountedPaymentsSetup) {
      const app = express();
      const errors: unknown[] = [];
      const running = await serve(app, errors);
      const callbacks = setup.callbacks((req: Request, name) => req.get(name));
      const { client, notifyPath } = setup;
      const routes = (extra: Partial<AntomPaymentRoutesOptions> = {}) =>
        antomPaymentRoutes({
          client,
          publicUrl: running.url,
          notifyPath,
          router: express.Router,
          ...callbacks,
          ...extra,
        });
      app.use(antomClient({ client, agentToken: callbacks.agentToken }));
      app.get('/whoami', (req, res) => {
        res.json({ view: req.antom !== client });
      });
      app.use('/shop', routes());
      app.get('/shop/orders/:orderId', (_req, res) => {
        res.json({ status: res.locals.antomPayment?.update?.paymentStatus ?? null });
      });
      app.use('/parsed', express.json(), routes());
      const onReturn: AntomPaymentRoutesOptions['onReturn'] = (_req, res, { update }) =>
        res.redirect(303, `/thanks?status=${update?.paymentStatus ?? 'none'}`);
      app.use('/custom', routes({ onReturn }));
      app.use(recordErrors(errors));
      return { ...running, mounts: { mount: '/shop', parsed: '/parsed', custom: '/custom' } };
    },
  };
}

describeAdapterConformance('express 5', harness(express5));
describeAdapterConformance('express 4', harness(express4));
