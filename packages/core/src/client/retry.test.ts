import { describe, expect, it } from 'vitest';
import { requestIdOf, resolveApiPath } from './paths';
import { backoffDelay, parseRetryAfter } from './retry';

describe('backoff', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 100, 500, () => 0.999))).toEqual([99, 199, 399, 499]);
    expect(backoffDelay(3, 100, 500, () => 0)).toBe(0);
    expect(backoffDelay(50, 100, 500, () => 0.5)).toBe(250);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('paths', () => {
  it('prefixes /ams/api and rewrites the first /ams/api for sandbox client ids', () => {
    expect(resolveApiPath('/v1/payments/pay', false)).toBe('/ams/api/v1/payments/pay');
    expect(resolveApiPath('/v1/payments/pay', true)).toBe('/ams/sandbox/api/v1/payments/pay');
    expect(resolveApiPath('/ams/api/v1/x/ams/api', true)).toBe('/ams/sandbox/api/v1/x/ams/api');
    expect(resolveApiPath('/ams/api/v1/risk/payments/decide', true)).toBe('/ams/api/v1/risk/payments/decide');
    expect(resolveApiPath('/ams/sandbox/api/v1/payments/pay', true)).toBe('/ams/sandbox/api/v1/payments/pay');
  });
  it('rejects what is not a path', () => {
    for (const bad of ['v1/payments/pay', 'https://x/ams/api', '/ams/api//v1/pay', '/a b', '/a#b']) {
      expect(() => resolveApiPath(bad, false)).toThrow(/not an Antom API path/);
    }
  });
  it('finds the idempotency key', () => {
    expect(requestIdOf({ paymentRequestId: 'p' })).toBe('p');
    expect(requestIdOf({ paymentId: 'x', refundRequestId: 'r' })).toBe('r');
    expect(requestIdOf({ paymentId: 'x' })).toBeUndefined();
    expect(requestIdOf('{"paymentRequestId":"p"}')).toBeUndefined();
  });
});
