import {
  type AdapterUnderTest,
  describeAdapterConformance,
  type MountedPaymentsSetup,
  type NotificationSetup,
  type PaymentSetup,
  type RunningApp,
  serve,
  suitePaymentCallbacks,
} from '@antomkit/conformance';
import type { AntomClient } from '@antomkit/core';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa3, { type Context } from 'koa';
import { koaBody } from 'koa-body';
import mount from 'koa-mount';
// @ts-expect-error koa@2 under an npm alias; its API is the subset typed by @types/koa
import Koa2Untyped from 'koa-v2';
import {
  type AntomPaymentRoutesOptions,
  antomClient,
  antomNotifications,
  antomPaymentRoutes,
  type PaymentContext,
} from './index';

type KoaFactory = typeof Koa3;
const Koa2 = Koa2Untyped as KoaFactory;

/** Listens first and composes the middleware on the first request, so routes may need the URL (publicUrl). */
function listen(app: Koa3, errors: unknown[]): Promise<RunningApp> {
  let handle: ReturnType<Koa3['callback']> | undefined;
  return serve((req, res) => {
    handle ??= app.callback();
    return handle(req, res);
  }, errors);
}

/** A Koa app that records the errors it emits. */
function newApp(Koa: KoaFactory) {
  const errors: unknown[] = [];
  const app = new Koa();
  app.on('error', (error: unknown) => errors.push(error));
  return { app, errors };
}

/** An app for the notification endpoint, with the body handling `setup.body` asks for in front. */
function notificationApp(Koa: KoaFactory, setup: NotificationSetup, keepRawBody: Koa3.Middleware) {
  const made = newApp(Koa);
  if (setup.body === 'kept-raw-body') made.app.use(keepRawBody);
  if (setup.body === 'parsed') made.app.use(koaBody());
  return made;
}

/** Both harnesses run every body mode and mount, and expect the same fix in BODY_ALREADY_PARSED. */
const MODES: Pick<AdapterUnderTest, 'bodyModes' | 'mounts' | 'parsedBodyFix'> = {
  bodyModes: ['stream', 'kept-raw-body'],
  mounts: ['route', 'prefix'],
  parsedBodyFix: ['before the body parser', 'ctx.disableBodyParser = true', 'includeUnparsed: true'],
};

/** The endpoint on a @koa/router route, or on a router with a `prefix`; @koa/bodyparser keeps rawBody. */
function withRouter(Koa: KoaFactory): AdapterUnderTest {
  return {
    ...MODES,
    async startNotifications(setup: NotificationSetup) {
      const { app, errors } = notificationApp(Koa, setup, bodyParser());
      const router = new Router(setup.mount === 'prefix' ? { prefix: setup.prefix } : {});
      router.post(setup.path, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(router.routes()).use(router.allowedMethods());
      return listen(app, errors);
    },
    async startPayments(setup: PaymentSetup) {
      const { app, errors } = newApp(Koa);
      const running = await listen(app, errors);
      const hooks = new Router();
      hooks.post(setup.notifyPath, antomNotifications({ ...setup.receiver, handlers: setup.handlers }));
      app.use(hooks.routes());
      app.use(bodyParser());
      const payments = antomPaymentRoutes({
        client: setup.client as AntomClient,
        publicUrl: running.url,
        notifyPath: setup.notifyPath,
        ...suitePaymentCallbacks(setup, (ctx: PaymentContext) => ctx.get('authorization')),
      });
      app.use(payments.routes()).use(payments.allowedMethods());
      app.use((ctx) => {
        const status = ctx.state.antomPayment?.update?.paymentStatus ?? '';
        ctx.type = 'html';
        ctx.body = `<p data-testid="order-status">${status}</p>`;
      });
      return running;
    },
    async startMountedPayments(setup: MountedPaymentsSetup) {
      const { app, errors } = newApp(Koa);
      const running = await listen(app, errors);
      const callbacks = setup.callbacks((ctx: Context, name) => ctx.get(name));
      const { client, notifyPath } = setup;
      const routes = (prefix: string, extra: Partial<AntomPaymentRoutesOptions> = {}) =>
        antomPaymentRoutes({
          client,
          publicUrl: running.url,
          notifyPath,
          router: new Router({ prefix }),
          ...callbacks,
          ...extra,
        }).routes();
      const shop = new Koa();
      shop.use(routes('/v1'));
      shop.use((ctx) => {
        ctx.body = { status: ctx.state.antomPayment?.update?.paymentStatus ?? null };
      });
      app.use(antomClient({ client, agentToken: callbacks.agentToken }));
      app.use(mount('/shop', shop));
      const onReturn: AntomPaymentRoutesOptions['onReturn'] = (ctx, { update }) => {
        ctx.status = 303;
        ctx.redirect(`/thanks?status=${update?.paymentStatus ?? 'none'}`);
      };
      app.use(routes('/custom', { onReturn }));
      app.use(bodyParser()).use(routes('/parsed'));
      app.use((ctx) => {
        if (ctx.path === '/whoami') ctx.body = { view: ctx.state.antom !== client };
      });
      return { ...running, mounts: { mount: '/shop/v1', parsed: '/parsed', custom: '/custom' } };
    },
  };
}

/** No router: the `path` option on the app, or on a sub-app under `koa-mount`; koa-body keeps rawBody. */
function withMount(Koa: KoaFactory): AdapterUnderTest {
  return {
    ...MODES,
    async startNotifications(setup: NotificationSetup) {
      const { app, errors } = notificationApp(Koa, setup, koaBody({ includeUnparsed: true }));
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
