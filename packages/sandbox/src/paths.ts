const PREFIX = /^\/ams\/(?:sandbox\/)?api(?=\/)/;

/** `/ams/api/v1/payments/pay?x` and `/ams/sandbox/api/v1/payments/pay` -> `/v1/payments/pay`; else undefined. */
export function apiPath(pathname: string): string | undefined {
  const match = PREFIX.exec(pathname);
  return match ? pathname.slice(match[0].length) : undefined;
}

/** Accepts rules written either way: `/v1/payments/pay` or `/ams/api/v1/payments/pay`. */
export function normalizeRulePath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return apiPath(path) ?? path;
}
