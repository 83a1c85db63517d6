import type { KeyObject } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { AntomConfigError, AntomError } from '../errors';
import { type KeyInput, type KeyLookup, loadPrivateKey, loadPublicKeyring, type PublicKeyring } from '../keys';
import type { AntomHooks } from './hooks';

export type AntomRegion = 'sea' | 'na' | 'eu' | 'us';

/** Antom's recommended live domains per region (reference §3). */
export const REGION_ORIGINS: Readonly<Record<AntomRegion, string>> = {
  sea: 'https://open-sea-global.alipay.com',
  na: 'https://open-na-global.alipay.com',
  eu: 'https://open-de-global.alipay.com',
  us: 'https://open.antglobal-us.com',
};

export interface AntomClientOptions {
  /** Your Client ID from the Antom dashboard; a `SANDBOX_` prefix switches paths to `/ams/sandbox/api`. */
  clientId: string;
  /** Your merchant private key (PEM, the dashboard's bare base64, or a KeyObject). */
  privateKey: KeyInput;
  /** Antom's public key, or a keyring `{ [keyVersion]: key }` for rotation; verifies every response. */
  antomPublicKey: PublicKeyring;
  /** Live domain by region. Give either `region` or `gateway`. */
  region?: AntomRegion;
  /** Any origin, e.g. the local sandbox `http://127.0.0.1:4010`. Give either `region` or `gateway`. */
  gateway?: string;
  /** ISV mode: sent as `Agent-Token` on every call (not part of the signature). */
  agentToken?: string;
  /** Per-attempt time limit (connect + headers + body). Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt for network errors, 5xx, 429 and "unknown, retry" result codes. Default 2. */
  maxRetries?: number;
  /** First backoff step; each retry waits a random time up to `retryBaseDelayMs * 2^n`. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Cap for backoff and for a server's `Retry-After`. Default 10 000 ms. */
  retryMaxDelayMs?: number;
  /** Largest response body accepted. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Your key's version in the `Signature` header. Default 1. */
  keyVersion?: string | number;
  /** An undici dispatcher (proxy agent, mock-free test agent). Not closed by `close()`. */
  dispatcher?: Dispatcher;
  hooks?: AntomHooks;
}

export interface ResolvedConfig {
  clientId: string;
  privateKey: KeyObject;
  antomKeys: KeyLookup;
  origin: string;
  sandbox: boolean;
  agentToken: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxResponseBytes: number;
  keyVersion: string;
  dispatcher: Dispatcher | undefined;
  hooks: AntomHooks;
}

function fail(field: string, message: string, cause?: unknown): never {
  throw new AntomConfigError(
    `CONFIG_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
    `AntomClient option "${field}": ${message}`,
    cause ? { cause } : undefined,
  );
}

/** Header values must not carry CR/LF (header injection) and Antom's values are single tokens. */
export function checkHeaderValue(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string.');
  if (/[\r\n\0]/.test(value) || value !== value.trim()) {
    fail(
      field,
      'must not contain line breaks or surrounding spaces; paste the value exactly as the dashboard shows it.',
    );
  }
  return value;
}

export function checkNumber(
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(
      field,
      `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; got ${String(value).slice(0, 20)}.`,
    );
  }
  return value;
}

function resolveOrigin(region: unknown, gateway: unknown): string {
  if (region !== undefined && gateway !== undefined) {
    fail('gateway', 'give either "region" (live Antom) or "gateway" (any origin, e.g. a local sandbox), not both.');
  }
  if (region !== undefined) {
    if (typeof region !== 'string' || !Object.hasOwn(REGION_ORIGINS, region)) {
      fail('region', `must be one of ${Object.keys(REGION_ORIGINS).join(', ')}; got "${String(region).slice(0, 20)}".`);
    }
    return REGION_ORIGINS[region as AntomRegion];
  }
  if (gateway === undefined) {
    fail(
      'region',
      'is missing: set "region" (sea, na, eu, us) for Antom, or "gateway" with an origin such as http://127.0.0.1:4010.',
    );
  }
  if (typeof gateway !== 'string') fail('gateway', 'must be a URL string such as https://open-sea-global.alipay.com.');
  let url: URL;
  try {
    url = new URL(gateway);
  } catch {
    fail('gateway', `"${gateway.slice(0, 80)}" is not a URL; use an origin such as http://127.0.0.1:4010.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('gateway', 'must use http: or https:.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    fail('gateway', `must be an origin only (scheme, host, port), without path or credentials; use "${url.origin}".`);
  }
  return url.origin;
}

function loadKey<T>(field: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof AntomError) fail(field, error.message, error);
    throw error;
  }
}

export function resolveConfig(options: AntomClientOptions): ResolvedConfig {
  if (typeof options !== 'object' || options === null) {
    throw new AntomConfigError(
      'CONFIG_MISSING',
      'new AntomClient(options) needs an options object with clientId, privateKey, antomPublicKey and region or gateway.',
    );
  }
  const clientId = checkHeaderValue('clientId', options.clientId);
  if (options.privateKey === undefined)
    fail('privateKey', 'is missing: pass your merchant private key (PEM or the dashboard base64).');
  if (options.antomPublicKey === undefined) {
    fail('antomPublicKey', 'is missing: pass the Antom public key from the dashboard (Developer > Key configuration).');
  }
  const privateKey = loadKey('privateKey', () => loadPrivateKey(options.privateKey));
  const antomKeys = loadKey('antomPublicKey', () => loadPublicKeyring(options.antomPublicKey));
  const keyVersion = options.keyVersion === undefined ? '1' : String(options.keyVersion);
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(keyVersion)) fail('keyVersion', 'must be a short version like 1.');
  const hooks = options.hooks ?? {};
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== 'function') fail('hooks', `"${name}" must be a function.`);
  }
  if (options.dispatcher !== undefined && typeof (options.dispatcher as Dispatcher).request !== 'function') {
    fail('dispatcher', 'must be an undici Dispatcher (Agent, Pool, ProxyAgent).');
  }
  return {
    clientId,
    privateKey,
    antomKeys,
    origin: resolveOrigin(options.region, options.gateway),
    sandbox: clientId.startsWith('SANDBOX_'),
    agentToken: options.agentToken === undefined ? undefined : checkHeaderValue('agentToken', options.agentToken),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs, 30_000, 1, 600_000),
    maxRetries: checkNumber('maxRetries', options.maxRetries, 2, 0, 10, true),
    retryBaseDelayMs: checkNumber('retryBaseDelayMs', options.retryBaseDelayMs, 500, 0, 60_000),
    retryMaxDelayMs: checkNumber('retryMaxDelayMs', options.retryMaxDelayMs, 10_000, 0, 300_000),
    maxResponseBytes: checkNumber(
      'maxResponseBytes',
      options.maxResponseBytes,
      16 * 1024 * 1024,
      1024,
      1024 ** 3,
      true,
    ),
    keyVersion,
    dispatcher: options.dispatcher,
    hooks,
  };
}
