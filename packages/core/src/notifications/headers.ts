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
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value);
    else values.push(String(value));
  }
  const distinct = new Set(values);
  if (distinct.size > 1)
    return { ok: false, reason: `the ${name} header appears ${values.length} times with different values` };
  return { ok: true, value: values[0] };
}
