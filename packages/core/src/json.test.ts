import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, safeJsonParse } from './json';

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

  it('drops a prototype key spelled with \\u escapes', () => {
    const parsed = safeJsonParse('{"\\u005f_proto__":{"polluted":true},"con\\u0073tructor":1,"a":"caf\\u00e9"}');
    expect(parsed).toEqual({ a: 'café' });
    expect(Object.hasOwn(parsed as object, '__proto__')).toBe(false);
  });

  it('parses text without risky keys to the same value as JSON.parse', () => {
    const text = '{"result":{"resultStatus":"S"},"list":[1,"two",null,{"x":true}],"prototypes":"no key"}';
    expect(safeJsonParse(text)).toEqual(JSON.parse(text));
    expect(safeJsonParse('{"prototypeId":1}')).toEqual({ prototypeId: 1 });
  });

  it("with prototypeKeys: 'refuse', throws on such a key however it is spelled, and parses clean text", () => {
    for (const text of ['{"__proto__":{}}', '{"a":[{"constructor":1}]}', '{"\\u0070rototype":1}']) {
      expect(() => safeJsonParse(text, { prototypeKeys: 'refuse' }), text).toThrow(SyntaxError);
    }
    expect(safeJsonParse('{"prototypeId":"x"}', { prototypeKeys: 'refuse' })).toEqual({ prototypeId: 'x' });
  });

  it('throws SyntaxError on malformed JSON', () => {
    expect(() => safeJsonParse('{"a":')).toThrow(SyntaxError);
  });

  it('never returns an own prototype key at any depth, whatever the spelling', () => {
    const risky = ['__proto__', 'constructor', 'prototype'];
    const key = fc.oneof(fc.constantFrom(...risky), fc.string({ maxLength: 6 }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string(),
        fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
      ),
    }));
    const spell = (text: string, mode: number) =>
      mode === 0 ? text : text.replace(/_|c|p/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const hasRiskyKey = (value: unknown): boolean =>
      typeof value === 'object' &&
      value !== null &&
      Object.entries(value).some(([k, v]) => risky.includes(k) || hasRiskyKey(v));
    fc.assert(
      fc.property(tree, fc.nat(1), (value, mode) => {
        const parsed = safeJsonParse(spell(JSON.stringify(value), mode));
        expect(hasRiskyKey(parsed)).toBe(false);
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
    );
  });
});

describe('safeJsonParse nesting limit', () => {
  const nested = (levels: number, open = '[', close = ']') => `{"a":${open.repeat(levels)}${close.repeat(levels)}}`;

  it(`parses ${MAX_JSON_DEPTH} levels and refuses one more, for arrays and objects, with or without risky keys`, () => {
    expect(() => safeJsonParse(nested(MAX_JSON_DEPTH - 1))).not.toThrow();
    expect(() => safeJsonParse(nested(MAX_JSON_DEPTH))).toThrow(SyntaxError);
    const objects = (levels: number) => `${'{"k":'.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(() => safeJsonParse(objects(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => safeJsonParse(objects(MAX_JSON_DEPTH + 1))).toThrow(/deeper than/);
    expect(() => safeJsonParse(`{"__proto__":1,"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toThrow(
      SyntaxError,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `\\"${'['.repeat(500)}{{{`, list: [[1]] });
    expect(safeJsonParse(text)).toEqual(JSON.parse(text));
  });
});
