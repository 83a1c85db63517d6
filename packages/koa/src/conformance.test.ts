import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AdapterUnderTest,
  describeAdapterConformance,
  type NotificationSetup,
  type RunningApp,
} from '@antomkit/conformance';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa3 from 'koa';
import { koaBody } from 'koa-body';
import mount from 'koa-mount';
// @ts-expect-error koa@2 under an npm alias; its API is the subset typed by @types/koa
import Koa2Untyped from 'koa-v2';
import { antomNotifications } from './index';

type KoaFactory = typeof Koa3;
const Koa2 = Koa2Untyped as KoaFactory;

export function listen(app: Koa3, errors: unknown[]): Promise<RunningApp> {
  return new Promise((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () => {
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
