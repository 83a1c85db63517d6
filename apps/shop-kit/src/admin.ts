import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Refund authorization for the sample shops: `Authorization: Bearer <adminToken>`. The SHA-256 digests are
 * compared in constant time, so neither the token nor its length leaks through timing. Answers the adapters'
 * `authorizeRefund` values: `'unauthenticated'` (401) without a bearer token, `false` (403) for a wrong one.
 */
export function checkAdminToken(authorization: string | undefined, adminToken: string): boolean | 'unauthenticated' {
  if (!authorization?.startsWith('Bearer ')) return 'unauthenticated';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(authorization.slice(7)), digest(adminToken));
}
