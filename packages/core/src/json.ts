/**
 * JSON.parse that cannot pollute prototypes: `__proto__`, `constructor` and `prototype` keys are dropped, so a
 * later spread or merge of the result cannot reach Object.prototype.
 */
export function safeJsonParse(text: string): unknown {
  return JSON.parse(text, (key, value) =>
    key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value,
  );
}
