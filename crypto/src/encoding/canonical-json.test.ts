import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785, the subset access-log events use)', () => {
  it('sorts keys by UTF-16 code units at every depth and emits no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}',
    );
    // RFC 8785 §3.2.3 compares UTF-16 code units, not code points: € is 0x20AC and 😀 starts
    // with 0xD83D, so € comes first.
    expect(canonicalJson({ '😀': 1, '€': 2, '\r': 3, '1': 4, ö: 5 })).toBe(
      '{"\\r":3,"1":4,"ö":5,"€":2,"😀":1}',
    );
  });

  it('escapes strings as RFC 8785 prescribes', () => {
    expect(canonicalJson('a"b\\c\n\u0001\u2028é')).toBe('"a\\"b\\\\c\\n\\u0001\u2028é"');
  });

  it('writes integers plainly and -0 as 0', () => {
    expect(canonicalJson([0, -0, 7, -12, Number.MAX_SAFE_INTEGER])).toBe(
      '[0,0,7,-12,9007199254740991]',
    );
  });

  it('drops undefined members, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: true })).toBe('{"b":true}');
  });

  it('refuses values without one agreed form', () => {
    for (const bad of [
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      new Date(0),
      new Map(),
      () => 1,
      undefined,
      Symbol('x'),
      10n,
      'lone \ud800 surrogate',
      { nested: 'bad \udc00' },
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });

  it('round-trips through JSON.parse to an equal value', () => {
    const event = { v: 1, at: '2026-11-28T12:00:00.000Z', actor: { kind: 'resident', id: 'x' } };
    expect(JSON.parse(canonicalJson(event))).toEqual(event);
  });
});
