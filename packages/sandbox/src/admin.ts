import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeJsonParse } from '@antomkit/core';
import { validateFaultRule } from './faults';
import { BodyTooLargeError, readBody, redirect, sendJson, tooLarge } from './http/body';
import type { SandboxRuntime } from './runtime';
import type { ScenarioRule } from './scenarios';

const LIMIT = 16 * 1024;

/** JSON with bigints as strings, for the state snapshot. */
export function snapshot(rt: SandboxRuntime): unknown {
  const plain = (v: unknown) =>
    JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))) as unknown;
  const { store } = rt;
  return plain({
    payments: [...store.payments.values()].map(({ response: _r, fingerprint: _f, ...p }) => p),
    captures: [...store.captures.values()].map(({ response: _r, fingerprint: _f, ...c }) => c),
    refunds: [...store.refunds.values()].map(({ response: _r, fingerprint: _f, ...r }) => r),
    disputes: [...store.disputes.values()],
    settlements: [...store.settlements.values()].map(({ response: _r, fingerprint: _f, ...s }) => s),
    notifications: rt.notifier.list(),
    calls: rt.calls,
  });
}

function wantsHtml(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || (req.headers.accept ?? '').includes('text/html');
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req, LIMIT)).toString('utf8');
  return raw.trim() === '' ? {} : safeJsonParse(raw);
}

/** `/_sandbox/...`: the switches tests and the dashboard use. Unauthenticated: the sandbox binds to loopback. */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, rt: SandboxRuntime) {
  const done = (value: unknown, status = 200) => (wantsHtml(req) ? redirect(res, '/') : sendJson(res, status, value));
  const fail = (status: number, message: string) => sendJson(res, status, { error: message });
  const method = req.method ?? 'GET';
  try {
    if (path === '/_sandbox/state' && method === 'GET') return sendJson(res, 200, snapshot(rt));
    if (path === '/_sandbox/scenarios') {
      if (method === 'GET') return sendJson(res, 200, rt.scenarios.list());
      if (method === 'DELETE') {
        rt.scenarios.clear();
        return done({ cleared: true });
      }
      if (method === 'POST') return done({ id: rt.scenarios.next((await jsonBody(req)) as ScenarioRule) }, 201);
    }
    if (path === '/_sandbox/faults') {
      if (method === 'GET') return sendJson(res, 200, rt.faults.list());
      if (method === 'DELETE') {
        rt.faults.clear();
        return done({ cleared: true });
      }
      if (method === 'POST') return done({ id: rt.faults.add(validateFaultRule(await jsonBody(req))) }, 201);
    }
    if (path === '/_sandbox/isv/merchants') {
      if (method === 'GET') return sendJson(res, 200, rt.isv.list());
      if (method === 'POST') {
        const input = (await jsonBody(req)) as Record<string, unknown> | null;
        const pick = (k: string) => (typeof input?.[k] === 'string' ? { [k]: input[k] as string } : {});
        const issued = rt.isv.issue({
          ...pick('merchantId'),
          ...pick('name'),
          ...pick('agentToken'),
          ...pick('clientId'),
        });
        return done(issued, 201);
      }
    }
    if (path === '/_sandbox/isv/revoke' && method === 'POST') {
      const input = (await jsonBody(req)) as Record<string, unknown> | null;
      const token = typeof input?.agentToken === 'string' ? input.agentToken : '';
      return rt.isv.revoke(token) ? done({ revoked: true }) : fail(404, 'No such agentToken.');
    }
    const m = /^\/_sandbox\/(notifications|payments)\/([^/]+)\/(resend|dispute|settle)$/.exec(path);
    if (m && method === 'POST') {
      req.resume();
      const id = decodeURIComponent(m[2]!);
      if (m[1] === 'notifications' && m[3] === 'resend') {
        const record = await rt.notifier.resend(id);
        return record ? done({ id: record.id, state: record.state }) : fail(404, 'No such notification.');
      }
      const payment = rt.store.payments.get(id);
      if (m[1] === 'payments' && payment) {
        if (m[3] === 'dispute') return done({ disputeId: rt.openDispute(id).disputeId }, 201);
        if (m[3] === 'settle') {
          if (payment.status !== 'SUCCESS') return fail(409, `The payment is ${payment.status}.`);
          return done({ settlementId: rt.settle(payment).settlementId }, 201);
        }
      }
      return fail(404, 'No such payment.');
    }
    return fail(404, 'No such sandbox endpoint.');
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(res, error.limit);
    if (error instanceof TypeError || error instanceof SyntaxError) return fail(400, error.message);
    if (error instanceof Error) return fail(409, error.message);
    throw error;
  }
}
