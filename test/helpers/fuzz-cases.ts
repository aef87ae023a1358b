import zlib from 'node:zlib';

/**
 * Hostile inputs for the fuzz test (issue 6), generated from a seed so that a failure can be
 * replayed: the same seed gives the same cases in the same order.
 */

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How strictly a case must be refused:
 * - `always`: malformed at the transport or syntax level; every route refuses it (4xx).
 * - `unless-ignored`: well-formed but wrong for the route's schema; refused (4xx) unless the route
 *   reads no body at all.
 * - `no`: may be accepted (an optional field left out, a query a route ignores); never a 5xx.
 */
export type Refusal = 'always' | 'unless-ignored' | 'no';

/** One body to send: its bytes, content type and extra headers, and how it must be answered. */
export interface BodyCase {
  label: string;
  body: Buffer;
  contentType: string | null;
  headers?: Record<string, string>;
  refuse: Refusal;
}

/** The marker a header injection would produce: no answer may carry this header. */
export const INJECTED_HEADER = 'x-injected';

/** Strings no name, purpose or identifier may hold: each must be refused where a string goes. */
export const INVALID_STRINGS: readonly string[] = [
  '',
  '   ',
  'name\r\nX-Injected: yes',
  'purpose\nX-Injected: yes',
  'nul\u0000byte',
  'bell\u0007esc\u001b[31m',
  'tab\tand\u007fdel',
  'x'.repeat(60_000),
];

/** Strange but harmless text: it may be accepted where free text is allowed, never a 5xx. */
export const ODD_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '%0d%0aX-Injected:%20yes',
  '\u202egnp.exe',
  '\ud800 lone surrogate',
  '🗄️ ✓ ñ',
  '__proto__',
  'constructor',
];

/** Values of other JSON types, and numbers out of every range a field here allows. */
const OTHER_VALUES: readonly unknown[] = [
  null,
  true,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  5e-324,
  [],
  {},
  ['a', 1, null],
  { nested: { deeper: [1, 2, 3] } },
];

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value is surely invalid for a field whose valid example is `example`. */
function surelyInvalid(value: unknown, example: unknown): boolean {
  if (typeOf(value) !== typeOf(example)) return true;
  if (typeof value === 'string') return INVALID_STRINGS.includes(value);
  // Numbers here are ints within small ranges: every hostile number is outside them.
  if (typeof value === 'number') return value !== example;
  return false;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const JSON_TYPE = 'application/json';

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels deep, as text. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Invalid UTF-8 sequences: a bare continuation byte, an overlong slash, a cut-off sequence… */
const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
];

/**
 * The body cases for a JSON route, built around `seed` (a valid-looking body, or `{}` when the
 * route has none): each field replaced by hostile values, removed, nested one level down;
 * prototype-pollution keys; other top-level values; syntax errors, truncations, invalid UTF-8,
 * duplicated keys, huge and deep documents; wrong content types and encodings.
 */
export function jsonBodyCases(seed: Record<string, unknown>, random: () => number): BodyCase[] {
  const cases: BodyCase[] = [];
  const pick = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
    }
    return out;
  };
  const add = (label: string, body: Buffer | string, refuse: Refusal, contentType = JSON_TYPE) =>
    cases.push({ label, body: Buffer.from(body), contentType, refuse });

  // Each field: every invalid string, some odd ones, some other types; then without it.
  const mutate = (
    path: string[],
    target: Record<string, unknown>,
    root: Record<string, unknown>,
  ) => {
    for (const [field, example] of Object.entries(target)) {
      const values = [...INVALID_STRINGS, ...pick(ODD_STRINGS, 3), ...pick(OTHER_VALUES, 5)];
      for (const value of values) {
        const body = structuredClone(root);
        setAt(body, [...path, field], value);
        add(
          `${[...path, field].join('.')} = ${describe(value)}`,
          json(body),
          surelyInvalid(value, example) ? 'unless-ignored' : 'no',
        );
      }
      const without = structuredClone(root);
      deleteAt(without, [...path, field]);
      add(`without ${[...path, field].join('.')}`, json(without), 'no');
      if (path.length === 0 && example && typeof example === 'object' && !Array.isArray(example)) {
        mutate([field], example as Record<string, unknown>, root);
      }
    }
  };
  mutate([], seed, seed);

  const seedText = JSON.stringify(seed);
  const inner = seedText.slice(1, -1);
  const withKey = (key: string, value: string) =>
    inner.length > 0 ? `{"${key}":${value},${inner}}` : `{"${key}":${value}}`;
  add('__proto__ key', withKey('__proto__', '{"polluted":"yes"}'), 'unless-ignored');
  add(
    'constructor.prototype key',
    withKey('constructor', '{"prototype":{"polluted":"yes"}}'),
    'unless-ignored',
  );
  add('prototype key', withKey('prototype', '{"polluted":"yes"}'), 'unless-ignored');
  add('an extra field', withKey('extra', '"surplus"'), 'unless-ignored');
  add(
    'duplicated key, the last one hostile',
    `{"dup":"ok","dup":"\\r\\nX-Injected: yes"${inner ? `,${inner}` : ''}}`,
    'unless-ignored',
  );
  if (inner.length > 0) add('every key twice', `{${inner},${inner}}`, 'no');

  for (const value of [null, 0, 'text', true])
    add(`top-level ${describe(value)}`, json(value), 'always');
  add('top-level []', '[]', 'unless-ignored');
  add('array of the body', `[${seedText}]`, 'unless-ignored');
  add('10,000 nested arrays', deeplyNested(10_000, 'array'), 'unless-ignored');
  add('10,000 nested objects', deeplyNested(10_000, 'object'), 'unless-ignored');
  add(
    '30,000 nested arrays (over the body limit?)',
    deeplyNested(30_000, 'array'),
    'unless-ignored',
  );
  add('a huge array', `[${'0,'.repeat(30_000)}0]`, 'unless-ignored');
  add(
    'a field holding a huge array',
    withKey('items', `[${'1,'.repeat(20_000)}1]`),
    'unless-ignored',
  );
  add('a string over the body limit', json({ big: 'x'.repeat(70_000) }), 'always');
  add('number 1e309 (Infinity)', withKey('n', '1e309'), 'unless-ignored');
  add('a 400-digit number', withKey('n', '9'.repeat(400)), 'unless-ignored');
  add('-0 and 1e-400', withKey('n', '[-0,1e-400]'), 'unless-ignored');

  add('empty body', '', 'unless-ignored');
  add('whitespace only', ' \n\t ', 'unless-ignored');
  add('NaN', '{"n":NaN}', 'always');
  add('single quotes', "{'a':1}", 'always');
  add('trailing comma', '{"a":1,}', 'always');
  add('comment', '{"a":1 /* c */}', 'always');
  add('trailing garbage', `${seedText}garbage`, 'always');
  add('unterminated string', '{"a":"never ends', 'always');
  add('raw control characters in a string', '{"a":"line\r\nX-Injected: yes"}', 'always');
  for (let i = 0; i < 4; i++) {
    const cut = 1 + Math.floor(random() * (seedText.length - 1));
    add(
      `truncated after ${cut} of ${seedText.length} characters`,
      seedText.slice(0, cut),
      'always',
    );
  }
  for (const bad of INVALID_UTF8) {
    const body =
      inner.length > 0
        ? Buffer.concat([Buffer.from('{"s":"'), bad, Buffer.from(`",${inner}}`)])
        : Buffer.concat([Buffer.from('{"s":"'), bad, Buffer.from('"}')]);
    cases.push({
      label: `invalid UTF-8 ${bad.toString('hex')}`,
      body,
      contentType: JSON_TYPE,
      refuse: 'always',
    });
  }
  cases.push({
    label: 'invalid UTF-8 in a field value',
    body: Buffer.concat([Buffer.from('{"name":"A'), Buffer.from([0xff]), Buffer.from('"}')]),
    contentType: JSON_TYPE,
    refuse: 'always',
  });

  // Wrong content types and encodings for a well-formed body.
  const body = json(seed);
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
  ]) {
    cases.push({ label: `content type ${type}`, body, contentType: type, refuse: 'always' });
  }
  cases.push({ label: 'no content type', body, contentType: null, refuse: 'always' });
  for (const [encoding, bytes] of [
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', Buffer.from('not deflate either')],
    ['br', Buffer.from('nor brotli')],
    ['x-unknown', body],
    ['gzip', zlib.gzipSync(Buffer.from(`{"pad":"${'a'.repeat(2_000_000)}"}`))],
  ] as const) {
    cases.push({
      label: `content-encoding ${encoding} (${bytes.length} bytes)`,
      body: bytes,
      contentType: JSON_TYPE,
      headers: { 'content-encoding': encoding },
      refuse: 'always',
    });
  }
  return cases;
}

/** Body cases for a route whose body is binary (`u32 n ‖ n bytes of JSON prelude ‖ chunks`). */
export function framedBodyCases(
  prelude: Record<string, unknown>,
  random: () => number,
): BodyCase[] {
  const OCTETS = 'application/octet-stream';
  const frame = (preludeBytes: Buffer, declared = preludeBytes.length, rest = Buffer.alloc(0)) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(declared);
    return Buffer.concat([length, preludeBytes, rest]);
  };
  const randomBytes = (n: number) =>
    Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const chunk = randomBytes(300);
  const cases: BodyCase[] = [];
  const add = (
    label: string,
    body: Buffer,
    refuse: Refusal = 'always',
    contentType: string | null = OCTETS,
  ) => cases.push({ label, body, contentType, refuse });

  add('empty body', Buffer.alloc(0));
  add('three bytes', Buffer.from([0, 0, 1]));
  for (let i = 0; i < 6; i++) {
    const n = Math.floor(random() * 3000);
    add(`${n} random bytes`, randomBytes(n));
  }
  add('length 0', frame(Buffer.alloc(0), 0, chunk));
  add('length 0xffffffff', frame(json(prelude), 0xffffffff, chunk));
  add('length past the body', frame(json(prelude), json(prelude).length + 10));
  add('prelude without chunks', frame(json(prelude)));
  // Every JSON case as the prelude (its syntax, its fields, its nesting), with a chunk after it.
  for (const c of jsonBodyCases(prelude, random)) {
    if (c.contentType !== JSON_TYPE || c.headers) continue;
    add(
      `prelude: ${c.label}`,
      frame(c.body, c.body.length, chunk),
      c.refuse === 'no' ? 'no' : 'always',
    );
  }
  add('as JSON', json(prelude), 'always', JSON_TYPE);
  add('as text', frame(json(prelude), json(prelude).length, chunk), 'always', 'text/plain');
  add('no content type', frame(json(prelude), json(prelude).length, chunk), 'always', null);
  return cases;
}

/** Form bodies for the token endpoint (RFC 6749 §4.4.2, form-encoded). */
export function formBodyCases(validForm: Record<string, string>, random: () => number): BodyCase[] {
  const FORM = 'application/x-www-form-urlencoded';
  const cases: BodyCase[] = [];
  const add = (
    label: string,
    body: string | Buffer,
    contentType: string | null = FORM,
    refuse: Refusal = 'always',
  ) => cases.push({ label, body: Buffer.from(body), contentType, refuse });
  const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
  for (const field of Object.keys(validForm)) {
    for (const value of [...INVALID_STRINGS, ...ODD_STRINGS])
      add(`${field} = ${describe(value)}`, form({ ...validForm, [field]: value }));
    const without = { ...validForm };
    delete without[field];
    add(`without ${field}`, form(without));
    add(`${field} twice`, `${form(validForm)}&${form({ [field]: validForm[field]! })}`);
  }
  add('17 parameters', Array.from({ length: 17 }, (_, i) => `p${i}=${i}`).join('&'));
  add('invalid percent-encoding', `${form(validForm)}&x=%ff%fe%zz`);
  add(
    'raw invalid UTF-8',
    Buffer.concat([Buffer.from(`${form(validForm)}&x=`), Buffer.from([0xff, 0xc0, 0xaf])]),
  );
  add(
    '__proto__ parameter',
    `${form(validForm)}&__proto__[polluted]=yes&constructor[prototype][polluted]=yes`,
  );
  add('bracket nesting', `a${'[a]'.repeat(5000)}=1`);
  add('over the body limit', `grant_type=${'x'.repeat(70_000)}`);
  for (let i = 0; i < 4; i++) {
    const text = form(validForm);
    add(`truncated form ${i}`, text.slice(0, Math.floor(random() * text.length)));
  }
  add('as JSON', JSON.stringify(validForm), 'application/json');
  add('as text', form(validForm), 'text/plain');
  add('no content type', form(validForm), null);
  return cases;
}

/** Path segments that name nothing: malformed, encoded, oversized, or hostile ids. */
export const HOSTILE_SEGMENTS: readonly string[] = [
  '%ff',
  '%E0%A4%A',
  '%',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%0d%0aX-Injected:%20yes',
  'x'.repeat(4000),
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA',
  '%F0%9F%97%84',
  "'%20OR%201=1",
];

/** Query strings a route does not expect (or expects, with hostile values). */
export const HOSTILE_QUERIES: readonly string[] = [
  '?from=%ff',
  '?from=-1',
  '?from=1e309',
  '?limit=99999999999999999999',
  '?purpose=%0d%0aX-Injected:%20yes',
  '?purpose=residence-certificate&purpose=other',
  '?__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
  '?a[b][c][d][e][f][g]=1',
  `?q=${'x'.repeat(6000)}`,
  '?%=%',
  '?since=not-a-date&until=%00',
  '?index=1&index=2&index=-5',
];

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
}

function deleteAt(target: Record<string, unknown>, path: string[]): void {
  let at: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  delete at[path[path.length - 1]!];
}

/** A short description of a value for a case label. */
function describe(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} chars)` : text;
}
