import { createRequire } from 'node:module';
import { AntomConfigError } from '@antomkit/core';
import type { Router } from '@koa/router';

/** @koa/router is an optional peer: loaded only when `antomPaymentRoutes()` is called without a `router`. */
export function loadRouter(): typeof Router {
  try {
    const loaded = createRequire(import.meta.url)('@koa/router') as { Router?: typeof Router; default?: typeof Router };
    const RouterClass = loaded.Router ?? loaded.default;
    if (typeof RouterClass === 'function') return RouterClass;
  } catch {
    // reported below
  }
  throw new AntomConfigError(
    'ROUTER_MISSING',
    'antomPaymentRoutes() needs @koa/router: install it (pnpm add @koa/router), or pass `router: new Router()` from your own copy.',
  );
}
