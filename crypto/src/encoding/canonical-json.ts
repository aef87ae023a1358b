/**
 * RFC 8785 JSON Canonicalization Scheme, for the values an access-log event holds: objects with
 * string keys, arrays, strings, booleans, null and safe integers. Keys are sorted by UTF-16 code
 * units (RFC 8785 §3.2.3), no whitespace is emitted, and strings are escaped as ECMAScript's
 * JSON.stringify does (which RFC 8785 §3.2.2.2 adopts). Anything else — a non-integer or unsafe
 * number (whose RFC 8785 form we have no use for), undefined, a function, a Date, a Map, a lone
 * surrogate in a string — throws a TypeError instead of producing a form a verifier might not
 * reproduce.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonicalJson: only safe integers are allowed, got ${value}`);
      }
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      if (!isWellFormed(value)) throw new TypeError('canonicalJson: a string has a lone surrogate');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('canonicalJson: only plain objects are allowed');
      }
      const entries = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => v !== undefined,
      );
      // Default sort compares UTF-16 code units, as RFC 8785 requires.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be canonicalised`);
  }
}

/** Whether a string has no lone surrogates (String.prototype.isWellFormed, ES2024). */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
