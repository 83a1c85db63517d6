import type { AntomClient } from '@antomkit/core';
import type { Context, Middleware, Next } from 'koa';
import type { AntomState } from './state';

export interface AntomClientAccess {
  client: AntomClient;
  /** ISV apps: the merchant's `Agent-Token` for this request; `ctx.state.antom` becomes `client.withAgentToken(token)`. */
  agentToken?: (ctx: Context) => string | undefined;
}

/** The client for this request: the shared one, or its per-merchant view sharing the connection pool. */
export function clientFor(access: AntomClientAccess, ctx: Context): AntomClient {
  const token = access.agentToken?.(ctx);
  return token ? access.client.withAgentToken(token) : access.client;
}

/** Sets `ctx.state.antom` on every request: `app.use(antomClient({ client, agentToken: (ctx) => ... }))`. */
export function antomClient(access: AntomClientAccess): Middleware<AntomState> {
  return async (ctx, next: Next) => {
    ctx.state.antom = clientFor(access, ctx as unknown as Context);
    await next();
  };
}
