/** Keys that could reach a prototype, and `\u` escapes that could spell one of them in a key. */
const RISKY = /__proto__|constructor|prototype|\\u/;

const dropPrototypeKeys = (key: string, value: unknown) =>
  key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value;

/**
 * JSON.parse that cannot pollute prototypes: `__proto__`, `constructor` and `prototype` keys are dropped, so a
 * later spread or merge of the result cannot reach Object.prototype. Text that cannot hold such a key (none of
 * the words and no `\u` escape) takes plain JSON.parse, which is several times faster than a reviver.
 */
export function safeJsonParse(text: string): unknown {
  return RISKY.test(text) ? JSON.parse(text, dropPrototypeKeys) : JSON.parse(text);
}
