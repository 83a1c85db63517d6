import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AntomClient } from '@antomkit/core';
import { startSandbox } from '@antomkit/sandbox';
import type { PaymentSetup, RunningApp } from './types';

/** Serves `listener` (an Express app, a Koa callback) on 127.0.0.1, port 0; `close` ends open connections too. */
export function serve(listener: RequestListener, errors: unknown[] = []): Promise<RunningApp> {
  return listen(createServer(listener), errors);
}

/** Listens on 127.0.0.1, port 0, with an already created server. */
export function listen(server: Server, errors: unknown[] = []): Promise<RunningApp> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
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

/** A loopback pass-through in front of `target` (the sandbox) that records the Agent-Token of every call. */
function agentTokenProxy(target: string, agentTokens: (string | undefined)[]): Promise<RunningApp> {
  const proxy = createServer((req, res) => {
    agentTokens.push(req.headers['agent-token'] as string | undefined);
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return listen(proxy);
}

export interface SandboxClient {
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  /** An `AntomClient` for the sandbox, through a proxy that records each call's `Agent-Token` in `agentTokens`. */
  client: AntomClient;
  agentTokens: (string | undefined)[];
  close(): Promise<void>;
}

/** The local sandbox (notifications at 10 000x speed) and a client for it, for adapter-specific payment tests. */
export async function startSandboxClient(): Promise<SandboxClient> {
  const sandbox = await startSandbox({ port: 0, timeScale: 10_000 });
  const agentTokens: (string | undefined)[] = [];
  const proxy = await agentTokenProxy(sandbox.url, agentTokens);
  const client = new AntomClient({ ...sandbox.clientOptions, gateway: proxy.url, maxRetries: 0 });
  return {
    sandbox,
    client,
    agentTokens,
    close: async () => {
      await client.close();
      await proxy.close();
      await sandbox.close();
    },
  };
}

/**
 * The suite's order lookup, status hook and refund authorisation (`Authorization: Bearer <adminToken>`; none ->
 * 401, another -> 403), for an adapter's payment routes. `authorization` reads the header from the framework's request.
 */
export function suitePaymentCallbacks<Req>(setup: PaymentSetup, authorization: (req: Req) => string | undefined) {
  return {
    resolveOrder: (orderId: string) => setup.orders.get(orderId),
    onPaymentStatus: (update: Parameters<PaymentSetup['onPaymentStatus']>[0]) => setup.onPaymentStatus(update),
    authorizeRefund: (req: Req): boolean | 'unauthenticated' => {
      const auth = authorization(req);
      return auth ? auth === `Bearer ${setup.adminToken}` : 'unauthenticated';
    },
  };
}
