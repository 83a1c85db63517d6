/** Keys that could reach a prototype, and `\u` escapes that could spell one of them in a key. */
const RISKY = /__proto__|constructor|prototype|\\u/;

/** Antom's messages nest a few levels; anything deeper than this is refused before parsing. */
export const MAX_JSON_DEPTH = 64;

const isPrototypeKey = (key: string) => key === '__proto__' || key === 'constructor' || key === 'prototype';
const dropPrototypeKeys = (key: string, value: unknown) => (isPrototypeKey(key) ? undefined : value);
/** What `prototypeKeys: 'refuse'` throws: a SyntaxError, so callers that treat any parse failure alike still can. */
export class PrototypeKeyError extends SyntaxError {
  constructor() {
    super('JSON has a __proto__, constructor or prototype key');
  }
}
const refusePrototypeKeys = (key: string, value: unknown) => {
  if (isPrototypeKey(key)) throw new PrototypeKeyError();
  return value;
};

/**
 * JSON.parse that cannot pollute prototypes: `__proto__`, `constructor` and `prototype` keys are dropped, so a
 * later spread or merge of the result cannot reach Object.prototype. Text that cannot hold such a key (none of
 * the words and no `\u` escape) takes plain JSON.parse, which is several times faster than a reviver.
 * Nesting deeper than {@link MAX_JSON_DEPTH} throws a SyntaxError like any other malformed input.
 * `prototypeKeys: 'refuse'` throws a SyntaxError on such a key instead of dropping it (notifications: Antom never
 * sends one, so a body with one is refused, as Fastify and secure-json-parse do by default).
 */
export function safeJsonParse(text: string, options?: { prototypeKeys?: 'drop' | 'refuse' }): unknown {
  if (text.length > 2 * MAX_JSON_DEPTH && nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (!RISKY.test(text)) return JSON.parse(text);
  return JSON.parse(text, options?.prototypeKeys === 'refuse' ? refusePrototypeKeys : dropPrototypeKeys);
}

function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string, escapes included, so brackets inside it do not count
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
