import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin } from '../admin';
import { handleGateway } from '../gateway/gateway';
import { handleAuthorize } from '../pages/authorize';
import { handleCashier } from '../pages/cashier';
import { renderDashboard } from '../pages/dashboard';
import { sendHtml } from '../pages/respond';
import { apiPath } from '../paths';
import { handleReports } from '../reports';
import type { SandboxRuntime } from '../runtime';

/** `POST http://host/ams/api/... HTTP/1.1` (absolute form) and `POST /ams/api/...` both become path + query. */
function requestTarget(req: IncomingMessage): { pathname: string; pathAndQuery: string } | undefined {
  const raw = req.url ?? '/';
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      return { pathname: url.pathname, pathAndQuery: url.pathname + url.search };
    } catch {
      return undefined;
    }
  }
  if (!raw.startsWith('/')) return undefined;
  const q = raw.indexOf('?');
  return { pathname: q < 0 ? raw : raw.slice(0, q), pathAndQuery: raw };
}

function crossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin !== `http://${req.headers.host}`;
}

async function route(req: IncomingMessage, res: ServerResponse, rt: SandboxRuntime): Promise<void> {
  const target = requestTarget(req);
  if (!target) {
    res.writeHead(400).end();
    return;
  }
  const api = apiPath(target.pathname);
  if (api !== undefined) return handleGateway(req, res, { apiPath: api, signedPath: target.pathAndQuery }, rt);
  if (req.method === 'POST' && crossOrigin(req)) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('Cross-origin form posts are refused.');
    return;
  }
  const { pathname } = target;
  if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
    return sendHtml(res, 200, renderDashboard(rt));
  }
  const cashier = /^\/cashier\/([^/]+)$/.exec(pathname);
  if (cashier) return handleCashier(req, res, decodeURIComponent(cashier[1]!), rt);
  const authorize = /^\/authorize\/([^/]+)$/.exec(pathname);
  if (authorize) return handleAuthorize(req, res, decodeURIComponent(authorize[1]!), rt);
  if (pathname.startsWith('/_sandbox/')) return handleAdmin(req, res, pathname, rt);
  if (pathname === '/sandbox/reports' || pathname.startsWith('/sandbox/reports/')) {
    const q = target.pathAndQuery.indexOf('?');
    return handleReports(req, res, pathname, new URLSearchParams(q < 0 ? '' : target.pathAndQuery.slice(q + 1)), rt);
  }
  if (pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.');
}

export function createSandboxServer(rt: SandboxRuntime): Server {
  const server = createServer((req, res) => {
    route(req, res, rt).catch((error: unknown) => {
      rt.reportError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Sandbox internal error.');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return server;
}
