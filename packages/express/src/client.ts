import type { AntomClient } from '@antomkit/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

declare global {
  // Express types its Request through this global namespace; merging into it is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The Antom client for this request (per-merchant view in ISV mode); set by `antomClient()` or `antomPaymentRoutes()`. */
      antom?: AntomClient;
    }
  }
}

export interface AntomClientAccess {
  client: AntomClient;
  /** ISV apps: the merchant's `Agent-Token` for this request; `req.antom` becomes `client.withAgentToken(token)`. */
  agentToken?: (req: Request) => string | undefined;
}

/** The client for this request: the shared one, or its per-merchant view sharing the connection pool. */
export function clientFor(access: AntomClientAccess, req: Request): AntomClient {
  const token = access.agentToken?.(req);
  return token ? access.client.withAgentToken(token) : access.client;
}

/** Sets `req.antom` on every request: `app.use(antomClient({ client, agentToken: (req) => ... }))`. */
export function antomClient(access: AntomClientAccess): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.antom = clientFor(access, req);
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}
