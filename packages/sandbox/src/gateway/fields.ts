import type { Amount } from '../state/types';
import { type ApiBody, GatewayError } from './result';

type Json = Record<string, unknown>;

function illegal(field: string, why: string): GatewayError {
  return new GatewayError('PARAM_ILLEGAL', `${field} ${why}`);
}

function at(body: Json, field: string): unknown {
  let cur: unknown = body;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur) !== /^[0-9]+$/.test(part)) return undefined;
    cur = Object.hasOwn(cur, part) ? (cur as Json)[part] : undefined;
  }
  return cur;
}

export function optionalString(body: Json, field: string, max = 256): string | undefined {
  const value = at(body, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw illegal(field, 'must be a string.');
  if (value.length > max) throw illegal(field, `must be at most ${max} characters.`);
  return value;
}

export function requireString(body: Json, field: string, max = 256): string {
  const value = optionalString(body, field, max);
  if (value === undefined || value === '') throw illegal(field, 'is required.');
  return value;
}

/** Request ids are at most 64 characters. */
export function requireRequestId(body: Json, field: string): string {
  return requireString(body, field, 64);
}

export function optionalObject(body: Json, field: string): Json | undefined {
  const value = at(body, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw illegal(field, 'must be an object.');
  return value as Json;
}

export function requireObject(body: Json, field: string): Json {
  const value = optionalObject(body, field);
  if (!value) throw illegal(field, 'is required.');
  return value;
}

/** `{ currency: "USD", value: "1000" }`: value is a string integer in minor units. */
export function requireAmount(body: Json, field: string): Amount {
  requireObject(body, field);
  const currency = requireString(body, `${field}.currency`, 3);
  if (!/^[A-Z]{3}$/.test(currency)) throw illegal(`${field}.currency`, 'must be an ISO-4217 code such as "USD".');
  const value = at(body, `${field}.value`);
  if (value === undefined || value === null || value === '') throw illegal(`${field}.value`, 'is required.');
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,17})$/.test(value)) {
    throw illegal(`${field}.value`, 'must be a string integer in minor units, e.g. "1000" for USD 10.00.');
  }
  return { currency, value };
}

export function optionalUrl(body: Json, field: string): string | undefined {
  const value = optionalString(body, field, 2048);
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw illegal(field, 'must be an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw illegal(field, 'must be an http(s) URL.');
  return value;
}

export function oneOf<T extends string>(body: Json, field: string, allowed: readonly T[], fallback?: T): T {
  const value = optionalString(body, field);
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw illegal(field, 'is required.');
  }
  if (!allowed.includes(value as T)) throw illegal(field, `must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** A stable string of the fields whose change makes a repeat REPEAT_REQ_INCONSISTENT. */
export function fingerprint(...parts: Array<string | undefined>): string {
  return JSON.stringify(parts.map((p) => p ?? null));
}

export function assertSameRequest(stored: string, current: string, idField: string): void {
  if (stored !== current) {
    throw new GatewayError(
      'REPEAT_REQ_INCONSISTENT',
      `A request with this ${idField} was already made with different key fields (amount, paymentMethodId, ...).`,
    );
  }
}

/** The stored answer when this request id was used before (REPEAT_REQ_INCONSISTENT if its key fields differ). */
export function earlierAnswer(
  earlier: { fingerprint: string; response: unknown } | undefined,
  current: string,
  idField: string,
): ApiBody | undefined {
  if (!earlier) return undefined;
  assertSameRequest(earlier.fingerprint, current, idField);
  return earlier.response as ApiBody;
}
