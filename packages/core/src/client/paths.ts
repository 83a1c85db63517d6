import { AntomConfigError } from '../errors';

const LIVE_PREFIX = '/ams/api';
const SANDBOX_PREFIX = '/ams/sandbox/api';
/** Java's SDK keeps risk calls on /ams/api even for sandbox client ids. */
const SANDBOX_EXEMPT = '/ams/api/v1/risk/payments/';

/**
 * The path to call and sign. Accepts `/v1/payments/pay` or `/ams/api/v1/payments/pay`; a sandbox client id
 * rewrites the first `/ams/api` to `/ams/sandbox/api`, as every official SDK does before signing.
 */
export function resolveApiPath(path: string, sandbox: boolean): string {
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s#]/.test(path) || path.includes('//')) {
    throw new AntomConfigError(
      'PATH_INVALID',
      `"${String(path).slice(0, 80)}" is not an Antom API path; use one like /v1/payments/pay or /ams/api/v1/payments/pay.`,
    );
  }
  const full = path.startsWith('/ams/') ? path : `${LIVE_PREFIX}${path}`;
  if (!sandbox || !full.startsWith(`${LIVE_PREFIX}/`) || full.startsWith(SANDBOX_EXEMPT)) return full;
  return SANDBOX_PREFIX + full.slice(LIVE_PREFIX.length);
}

/** The body's own idempotency key (paymentRequestId, refundRequestId, captureRequestId, ...), if any. */
export function requestIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  for (const key of Object.keys(body)) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && key.endsWith('RequestId')) return value;
  }
  return undefined;
}
