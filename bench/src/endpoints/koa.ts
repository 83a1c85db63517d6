import { createServer, type Server } from 'node:http';
import { antomNotifications } from '@antomkit/koa';
import Koa from 'koa';
import {
  ACK,
  adapterOptions,
  BASELINE_PATH,
  type EndpointConfig,
  handWrittenCheck,
  OURS_PATH,
  parsedKey,
  readBody,
} from './common';

/** Koa 3: the adapter's middleware and a hand-written one, picked by the same path switch. */
export function koaServer(config: EndpointConfig): Server {
  const key = parsedKey(config);
  const ours = antomNotifications(adapterOptions(config));
  const baseline: Koa.Middleware = async (ctx) => {
    const body = await readBody(ctx.req);
    if (!handWrittenCheck(ctx.originalUrl, ctx.headers, body, key)) {
      ctx.status = 401;
      return;
    }
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = ACK;
  };
  const app = new Koa();
  app.use((ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === OURS_PATH) return ours(ctx, next);
    if (ctx.method === 'POST' && ctx.path === BASELINE_PATH) return baseline(ctx, next);
    return next();
  });
  return createServer(app.callback());
}
