import { describe, expect, it } from 'vitest';
import { checkAdminToken } from './admin';

describe('checkAdminToken', () => {
  it('accepts only the exact bearer token', () => {
    expect(checkAdminToken('Bearer s3cret', 's3cret')).toBe(true);
    expect(checkAdminToken('Bearer s3cret2', 's3cret')).toBe(false);
    expect(checkAdminToken('Bearer s3cre', 's3cret')).toBe(false);
    expect(checkAdminToken('Bearer ', 's3cret')).toBe(false);
  });

  it('treats a missing or non-bearer header as unauthenticated', () => {
    expect(checkAdminToken(undefined, 's3cret')).toBe('unauthenticated');
    expect(checkAdminToken('', 's3cret')).toBe('unauthenticated');
    expect(checkAdminToken('Basic czNjcmV0', 's3cret')).toBe('unauthenticated');
    expect(checkAdminToken('bearer s3cret', 's3cret')).toBe('unauthenticated');
  });
});
