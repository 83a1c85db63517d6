import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AdapterUnderTest,
  describeAdapterConformance,
  type NotificationSetup,
  type PaymentSetup,
  type RunningApp,
} from '@antomkit/conformance';
import type { AntomClient } from '@antomkit/core';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa3 from 'koa';
import { koaBody } from 'koa-body';
import mount from 'koa-mount';
// @ts-expect-error koa@2 under an npm alias; its API is the subset typed by @types/koa
import Koa2Untyped from 'koa-v2';
import { antomNotifications, antomPaymentRoutes } from './index';

type KoaFactory = typeof Koa3;
const Koa2 = Koa2Untyped as KoaFactory;

/** Listens first and composes the middleware on the first request, so routes may need the URL (publicUrl). */
function listen(app: Koa3, errors: unknown[]): Promise<RunningApp> {
  let handle: ReturnType<Koa3['callback']> | undefined;
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      handle ??= app.callback();
      return handle(req, res);
    });
    server.listen(0, '127.0.0.1', () => {
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

function newApp(Koa: KoaFactory, errors: unknown[]): Koa3 {
  const app = new Koa();
  app.on('error', (error: unknown) => errors.push(error));
  return app;
}

const PARSED_BODY_FIX = ['before the body parser', 'ctx.disableBodyParser = true', 'includeUnparsed: true'];

/** The endpoint on a @koa/router route, or on a router with a `prefix`; @koa/bodyparser keeps rawBody. */
function withRouter(Koa: KoaFactory): AdapterUnderTest {
  return {
    bodyModes: ['stream', 'kept-raw-body'],
    mounts: ['route', 'prefix'],
    parsedBodyFix: PARSED_BODY_FIX,
    async startNotifications(setup: NotificationSetup) {
      const errors: unknown[] = [];
      const app = newApp(Koa, errors);
      if (setup.body === 'kept-raw-body') app.use(bodyParser());
      if (setup.body === 'parsed') app.use(koaBody());
      const router = new Router(setup.mount === 'prefix' ? { prefix: setup.prefix } : {});
      router.post(setup.path, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(router.routes()).use(router.allowedMethods());
      return listen(app, errors);
    },
    async startPayments(setup: PaymentSetup) {
      const errors: unknown[] = [];
      const app = newApp(Koa, errors);
      const running = await listen(app, errors);
      const hooks = new Router();
      hooks.post(setup.notifyPath, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(hooks.routes());
      app.use(bodyParser());
      const payments = antomPaymentRoutes({
        client: setup.client as AntomClient,
        publicUrl: running.url,
        notifyPath: setup.notifyPath,
        resolveOrder: (orderId) => setup.orders.get(orderId),
        onPaymentStatus: (update) => setup.onPaymentStatus(update),
        authorizeRefund: (ctx) => {
          const auth = ctx.get('authorization');
          if (!auth) return 'unauthenticated';
          return auth === `Bearer ${setup.adminToken}`;
        },
      });
      app.use(payments.routes()).use(payments.allowedMethods());
      app.use((ctx) => {
        const status = ctx.state.antomPayment?.update?.paymentStatus ?? '';
        ctx.type = 'html';
        ctx.body = `<p data-testid="order-status">${status}</p>`;
      });
      return running;
    },
  };
}

/** No router: the `path` option on the app, or on a sub-app under `koa-mount`; koa-body keeps rawBody. */
function withMount(Koa: KoaFactory): AdapterUnderTest {
  return {
    bodyModes: ['stream', 'kept-raw-body'],
    mounts: ['route', 'prefix'],
    parsedBodyFix: PARSED_BODY_FIX,
    async startNotifications(setup: NotificationSetup) {
      const errors: unknown[] = [];
      const app = newApp(Koa, errors);
      if (setup.body === 'kept-raw-body') app.use(koaBody({ includeUnparsed: true }));
      if (setup.body === 'parsed') app.use(koaBody());
      const middleware = antomNotifications({ ...setup.receiver, handlers: setup.handlers, path: setup.path });
      if (setup.mount === 'prefix') {
        const hooks = new Koa();
        hooks.use(middleware);
        app.use(mount(setup.prefix, hooks));
      } else {
        app.use(middleware);
      }
      return listen(app, errors);
    },
  };
}

describeAdapterConformance('koa 3, @koa/router', withRouter(Koa3));
describeAdapterConformance('koa 2, @koa/router', withRouter(Koa2));
describeAdapterConformance('koa 3, koa-mount', withMount(Koa3));
describeAdapterConformance('koa 2, koa-mount', withMount(Koa2));
