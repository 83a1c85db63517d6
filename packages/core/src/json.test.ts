import { describe, expect, it } from 'vitest';
import { safeJsonParse } from './json';

describe('safeJsonParse', () => {
  it('drops prototype keys at any depth', () => {
    const parsed = safeJsonParse(
      '{"a":1,"__proto__":{"polluted":true},"b":{"constructor":{"prototype":{"x":1}},"c":2}}',
    );
    expect(parsed).toEqual({ a: 1, b: { c: 2 } });
    expect(Object.hasOwn(parsed as object, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('throws SyntaxError on malformed JSON', () => {
    expect(() => safeJsonParse('{"a":')).toThrow(SyntaxError);
  });
});
