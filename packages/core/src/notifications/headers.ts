/** Headers as Node (`IncomingHttpHeaders`), a plain object, or a fetch `Headers` give them. */
export type HeadersInput = Headers | Record<string, string | string[] | undefined>;

export type HeaderValue = { ok: true; value: string | undefined } | { ok: false; reason: string };

/**
 * One header, any case. An array with different values is refused: a second `signature` or `client-id` must
 * not be able to choose what gets verified.
 */
export function readHeader(headers: HeadersInput, name: string): HeaderValue {
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return { ok: true, value: (headers as Headers).get(name) ?? undefined };
  }
  // One pass, no per-key allocations: this runs three times for every notification.
  const record = headers as Record<string, unknown>;
  let first: unknown;
  let count = 0;
  let differs = false;
  for (const key in record) {
    if (key !== name && (key.length !== name.length || key.toLowerCase() !== name)) continue;
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (value === undefined) continue;
    const items: unknown[] = Array.isArray(value) ? value : [String(value)];
    for (const item of items) {
      if (count++ === 0) first = item;
      else if (item !== first) differs = true;
    }
  }
  if (differs) return { ok: false, reason: `the ${name} header appears ${count} times with different values` };
  return { ok: true, value: first as string | undefined };
}
