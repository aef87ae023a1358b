import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../server/src/contracts/index.js';
import { bearer } from '../helpers/city-services.js';
import {
  formBodyCases,
  framedBodyCases,
  HOSTILE_QUERIES,
  HOSTILE_SEGMENTS,
  INJECTED_HEADER,
  jsonBodyCases,
  seededRandom,
  type BodyCase,
  type Refusal,
} from '../helpers/fuzz-cases.js';
import {
  keepAliveAgent,
  rawExchange,
  rawJsonBody,
  sendRaw,
  type RawRequest,
} from '../helpers/raw-http.js';
import { listRoutes, type RouteEntry } from '../helpers/route-inventory.js';
import {
  daysAfter,
  grantRequest,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
  type KeyedResident,
  type SealingService,
} from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';
import { fakeKeys, fakeSlot, startUpload, ciphertext } from '../helpers/vault-fixtures.js';

/**
 * The fuzz test (issue 6): every route of the app, enumerated from the router itself (so a route
 * added later is fuzzed without anyone remembering it), gets malformed and hostile input — wrong
 * types, missing and extra fields, huge strings, 10,000-level nesting, huge arrays, control
 * characters and CRLF in names and purposes, invalid UTF-8, truncated bodies, wrong content types
 * and encodings, duplicated keys, numbers out of range, prototype-pollution keys, hostile path
 * segments and query strings — sent over real HTTP with the credentials the route needs (a
 * resident's session and Origin, a service's bearer token), so that it reaches the handler.
 *
 * Every answer must be below 500, carry a stable error code when it refuses, show no stack trace
 * or internal detail, and carry no header a CRLF could have injected; afterwards the vault must be
 * healthy. The cases come from a seed (FUZZ_SEED, printed), so a failure can be replayed.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261128);

/**
 * Routes that read no request body: a well-formed JSON body they ignore may be answered 2xx
 * (a malformed one is still refused by the JSON parser before them). A new route that ignores its
 * body fails the test until it is added here, on purpose.
 */
const IGNORES_BODY = new Set([
  'POST /api/auth/passkey/options',
  'POST /api/passkeys/options',
  'POST /api/auth/sign-out',
  'POST /api/sessions/end-others',
  'POST /api/log/export',
]);

/** Routes whose body is binary: a length-prefixed JSON prelude and ciphertext chunks. */
const FRAMED = new Set([
  'PUT /api/documents/:id/versions/:version',
  'PUT /api/v1/service/deposits/:documentId',
]);
/** Raw chunk bytes: any bytes may be a chunk, so only the framing is checked. */
const CHUNKS = 'PUT /api/uploads/:uploadId/chunks';
const TOKEN = 'POST /api/v1/service/token';
/** The live event stream never ends: only its status and headers are read. */
const EVENTS = 'GET /api/events';
/** Signing out ends the session that the other cases need: it is sent without one (it is public). */
const SIGN_OUT = 'POST /api/auth/sign-out';

const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /log/checkpoint',
  'GET /auth/eid/start',
  'GET /api/config',
  'POST /api/auth/eid/callback',
  'POST /api/auth/passkey/options',
  'POST /api/auth/passkey/verify',
  SIGN_OUT,
  TOKEN,
  'GET /api/v1/service/openapi.json',
]);
const key = (r: RouteEntry) => `${r.method} ${r.path}`;
const isTiles = (r: RouteEntry) => r.path.startsWith('/^');
const isService = (r: RouteEntry) => r.path.startsWith('/api/v1/service/');
const hasBody = (r: RouteEntry) => ['POST', 'PUT', 'PATCH'].includes(r.method);

/** What an answer may not show: stack frames, file paths, driver and exception names. */
const LEAKS =
  /\n\s+at |node_modules|\/work\/|\/tmp\/|\.ts:\d+|\.js:\d+|SQLITE_|better-sqlite3|TypeError|RangeError|SyntaxError|ReferenceError|ZodError|"stack"/i;

/** One case: a route, what was changed, the request, and how strictly it must be refused. */
interface FuzzCase {
  route: string;
  label: string;
  request: RawRequest;
  refuse: Refusal;
}

/** Own objects of the fuzzing resident and service: real ids, so that bodies reach validation. */
interface Objects {
  documentId: string;
  uploadId: string;
  passkeyId: string;
  slotId: string;
  sessionId: string;
  requestId: string;
  consentId: string;
  serviceRequestId: string;
  grantId: string;
  grantedDocumentId: string;
}

/** Fills a route's parameters with the fuzzing parties' own ids; an unknown one fails the test. */
function fill(path: string, o: Objects): string {
  const rules: [RegExp, Record<string, string>][] = [
    [/^\/api\/passkeys\//, { id: o.passkeyId }],
    [/^\/api\/sessions\//, { id: o.sessionId }],
    [/^\/api\/vault\/slots\//, { id: o.slotId }],
    [/^\/api\/uploads\//, { uploadId: o.uploadId }],
    [/^\/api\/documents\//, { id: o.documentId, version: '2' }],
    [/^\/api\/requests\//, { id: o.requestId }],
    [/^\/api\/consents\//, { id: o.consentId }],
    [/^\/api\/v1\/service\/requests\//, { id: o.serviceRequestId }],
    [
      /^\/api\/v1\/service\/grants\//,
      { id: o.grantId, grantId: o.grantId, documentId: o.grantedDocumentId },
    ],
    [/^\/api\/v1\/service\/deposits\//, { documentId: randomUUID() }],
  ];
  return path.replace(/:([A-Za-z]+)/g, (_m, param: string) => {
    for (const [prefix, values] of rules) {
      if (prefix.test(path) && values[param] !== undefined) return values[param];
    }
    throw new Error(`fuzz: no rule for :${param} in ${path} — add one`);
  });
}

describe('fuzz: hostile input to every endpoint', () => {
  let vault: TestVault;
  let routes: RouteEntry[];
  let resident: KeyedResident;
  let service: SealingService;
  let token: string;
  let objects: Objects;
  let agent: http.Agent;

  beforeAll(async () => {
    vault = await startVault({
      env: {
        // The limits would answer 429 before the input reached a handler: lift them here
        // (they have their own tests).
        VAULT_RATE_LIMIT_SIGN_IN: '1000000',
        VAULT_RATE_LIMIT_SERVICE_TOKEN: '1000000',
        VAULT_RATE_LIMIT_SERVICE_REQUESTS: '1000000',
        VAULT_SERVICE_QUOTA: '1000000',
      },
    });
    agent = keepAliveAgent();
    routes = listRoutes(vault.app);
    resident = await keyedResident(vault, 'demo-maria-rossi');
    service = await registerSealingService(vault);
    token = await serviceToken(vault, service);
    const api = serviceApi(vault, token);

    const document = await storeEncrypted(resident, Buffer.from('a residence certificate'));
    const upload = await startUpload(resident.client, ciphertext(2, 300));
    const request = async () => {
      const res = await api.post<{ request: { id: string } }>('/requests', {
        nationalId: resident.nationalId,
        categories: ['identity'],
        purpose: PURPOSE,
        legalBasis: 'public-task',
        retentionDays: 30,
        answerBy: daysAfter(new Date(), 7),
      });
      if (res.status !== 201) throw new Error(`request answered ${res.status}`);
      return res.body.request.id;
    };
    const pending = await request();
    const granted = await request();
    const grant = await grantRequest(vault, resident, service, granted, [document]);
    const passkeys = await resident.client.get<{ passkeys: { id: string }[] }>('/api/passkeys');
    const state = await resident.client.get<{ slots: { id: string }[] }>('/api/vault');
    const sessions = await resident.client.get<{ sessions: { id: string }[] }>('/api/sessions');
    objects = {
      documentId: document.id,
      uploadId: upload.uploadId,
      passkeyId: passkeys.body.passkeys[0]!.id,
      slotId: state.body.slots[0]!.id,
      sessionId: sessions.body.sessions[0]!.id,
      requestId: pending,
      consentId: grant.id,
      serviceRequestId: pending,
      grantId: grant.id,
      grantedDocumentId: document.id,
    };
  }, 60_000);

  afterAll(async () => {
    agent?.destroy();
    await vault?.close();
  });

  /** A valid-looking body per route, so that mutations of one field reach the deeper checks. */
  const seedBody = (route: string): Record<string, unknown> => {
    const seeds: Record<string, Record<string, unknown>> = {
      'POST /api/auth/eid/callback': { query: 'code=abc&state=def' },
      'POST /api/auth/passkey/verify': {
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: {},
          clientExtensionResults: {},
        },
      },
      'POST /api/passkeys': { name: 'Laptop', response: { id: 'AAAA' } },
      'PATCH /api/passkeys/:id': { name: 'Work phone' },
      'POST /api/vault/enrol': {
        keys: fakeKeys(),
        slots: [fakeSlot('recovery'), fakeSlot('passphrase')],
      },
      'POST /api/vault/slots': { slot: fakeSlot('passphrase') },
      'PUT /api/vault/recovery': { slot: fakeSlot('recovery') },
      'POST /api/uploads': { category: 'tax', size: 1000, chunkCount: 1 },
      'POST /api/uploads/:uploadId/complete': {
        header: 'A'.repeat(32),
        wrappedKey: 'A'.repeat(107),
        metadata: 'AAAA',
      },
      'PUT /api/documents/:id/versions/:version': {
        category: 'tax',
        chunkCount: 1,
        header: 'A'.repeat(32),
        wrappedKey: 'A'.repeat(107),
        metadata: 'AAAA',
      },
      'POST /api/requests/:id/approve': {
        consentId: randomUUID(),
        documents: [{ id: objects.documentId, version: 1, wrappedKey: 'A'.repeat(107) }],
        standing: false,
        categories: ['identity'],
        expiresAt: daysAfter(new Date(), 30),
        receipt: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
      },
      'POST /api/consents/:id/keys': {
        documents: [{ id: objects.documentId, version: 1, wrappedKey: 'A'.repeat(107) }],
      },
      'POST /api/v1/service/requests': {
        nationalId: resident.nationalId,
        categories: ['identity'],
        purpose: PURPOSE,
        legalBasis: 'public-task',
        retentionDays: 30,
        answerBy: daysAfter(new Date(), 7),
      },
      'POST /api/v1/service/deposits': { nationalId: resident.nationalId },
      'PUT /api/v1/service/deposits/:documentId': {
        nationalId: resident.nationalId,
        category: 'certificates',
        chunkCount: 1,
        header: 'A'.repeat(32),
        wrappedKey: 'A'.repeat(107),
        metadata: 'AAAA',
      },
    };
    return structuredClone(seeds[route] ?? {});
  };

  /** The headers that get a case past authentication and the CSRF guard to the handler. */
  const credentials = (r: RouteEntry): Record<string, string> => {
    const k = key(r);
    if (isService(r) && !PUBLIC.has(k)) return bearer(token);
    const headers: Record<string, string> = {};
    if (r.path.startsWith('/api/') && !isService(r)) headers['origin'] = vault.origin;
    if (!PUBLIC.has(k) && !isTiles(r)) headers['cookie'] = resident.client.cookieHeader();
    return headers;
  };

  /** Every case for every route, in a fixed order from the seed. */
  const buildCases = (): FuzzCase[] => {
    const random = seededRandom(SEED);
    const cases: FuzzCase[] = [];
    for (const r of routes) {
      const k = key(r);
      if (isTiles(r)) {
        for (const suffix of [
          ...HOSTILE_SEGMENTS,
          '0/x001/x002/x003/x004',
          'entries/000',
          '0/000.p/0',
          '0/000.p/256',
          '99/000',
          '0/999999999999999999999',
          '-1/000',
        ]) {
          cases.push({
            route: k,
            label: `tile ${suffix.slice(0, 40)}`,
            refuse: 'always',
            request: { method: 'GET', path: `/log/tile/${suffix}` },
          });
        }
        continue;
      }
      const headers = credentials(r);
      const path = fill(r.path, objects);
      const seed = seedBody(k);
      const jsonSeed = hasBody(r) ? Buffer.from(JSON.stringify(seed)) : undefined;
      const withJson: Record<string, string> = jsonSeed
        ? { 'content-type': 'application/json' }
        : {};

      // Hostile path parameters: each names nothing, so each is refused.
      const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      for (const param of params) {
        for (const segment of HOSTILE_SEGMENTS) {
          const hostile = fill(r.path.replace(`:${param}`, segment), objects);
          cases.push({
            route: k,
            label: `:${param} = ${segment.slice(0, 40)}`,
            refuse: 'always',
            request: {
              method: r.method,
              path: hostile,
              headers: { ...headers, ...withJson },
              ...(jsonSeed ? { body: jsonSeed } : {}),
            },
          });
        }
      }
      // Hostile query strings: a route may ignore them, never fail on them. A DELETE goes to an
      // object that does not exist, or the first case would delete the resident's own.
      const queried = r.method === 'DELETE' ? r.path.replace(/:[A-Za-z]+/g, randomUUID()) : path;
      for (const query of HOSTILE_QUERIES) {
        cases.push({
          route: k,
          label: `query ${query.slice(0, 40)}`,
          refuse: 'no',
          request: {
            method: r.method,
            path: `${queried}${query}`,
            headers: { ...headers, ...withJson },
            ...(jsonSeed ? { body: jsonSeed } : {}),
            ...(k === EVENTS ? { headersOnly: true } : {}),
          },
        });
      }
      if (!hasBody(r)) continue;

      let bodies: BodyCase[];
      if (k === TOKEN) {
        bodies = formBodyCases(
          {
            grant_type: 'client_credentials',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
          },
          random,
        );
      } else if (FRAMED.has(k)) bodies = framedBodyCases(seed, random);
      else if (k === CHUNKS) {
        bodies = framedBodyCases({}, random).map((c) => ({
          ...c,
          refuse: c.contentType === 'application/octet-stream' ? 'no' : c.refuse,
        }));
      } else bodies = jsonBodyCases(seed, random);
      for (const body of bodies) {
        const caseHeaders: Record<string, string> = { ...headers, ...body.headers };
        if (body.contentType !== null) caseHeaders['content-type'] = body.contentType;
        cases.push({
          route: k,
          label: body.label,
          refuse: body.refuse,
          request: {
            method: r.method,
            path: k === CHUNKS ? `${path}?from=0` : path,
            headers: caseHeaders,
            body: body.body,
          },
        });
      }
    }
    return cases;
  };

  it('sends every case to every route: only 4xx, stable codes, no leak, no injected header, and the vault stays healthy', async () => {
    const cases = buildCases();
    const fuzzed = new Set(cases.map((c) => c.route));
    // Every route of the router is in the run: a new route cannot be forgotten.
    expect([...fuzzed].sort()).toEqual(routes.map(key).sort());

    const failures: string[] = [];
    const serverErrors: string[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    for (const c of cases) {
      const res = await sendRaw(vault.origin, c.request, agent);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `${c.route} [${c.label}]`;
      if (res.status >= 500)
        serverErrors.push(`${where} → ${res.status} ${res.text.slice(0, 200)}`);
      const mustRefuse =
        c.refuse === 'always' || (c.refuse === 'unless-ignored' && !IGNORES_BODY.has(c.route));
      if (mustRefuse && (res.status < 400 || res.status >= 500))
        failures.push(`${where} → ${res.status}, expected 4xx`);
      if (res.status >= 400 && !c.request.headersOnly) {
        const body = parse(res.text) as { error?: { code?: string }; code?: string } | undefined;
        const code = body?.error?.code ?? body?.code;
        if (!ERROR_CODES.includes(code as ErrorCode))
          failures.push(
            `${where} → ${res.status} without a stable code: ${res.text.slice(0, 120)}`,
          );
      }
      if (LEAKS.test(res.text))
        failures.push(`${where} → ${res.status} shows internals: ${res.text.slice(0, 200)}`);
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        const name = res.rawHeaders[i]!;
        const value = res.rawHeaders[i + 1]!;
        if (name.toLowerCase() === INJECTED_HEADER || /[\r\n]/.test(value))
          failures.push(`${where} → injected header ${name}: ${value}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const logged5xx = vault.logs.filter((l) => l.level >= 50);

    // The figures the issue asks for, printed for the lead's note.
    process.stdout.write(
      `fuzz: seed ${SEED}, ${cases.length} cases over ${fuzzed.size} routes in ${seconds.toFixed(1)} s; ` +
        `5xx seen: ${serverErrors.length}; errors logged: ${logged5xx.length}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`,
    );
    expect(serverErrors).toEqual([]);
    expect(failures).toEqual([]);
    expect(logged5xx.map((l) => l.msg)).toEqual([]);
    expect(cases.length).toBeGreaterThan(3000);

    // Healthy afterwards: liveness, readiness, the resident's and the service's normal requests.
    expect((await sendRaw(vault.origin, { method: 'GET', path: '/healthz' })).status).toBe(200);
    expect((await sendRaw(vault.origin, { method: 'GET', path: '/readyz' })).status).toBe(200);
    const me = await resident.client.get('/api/me');
    expect(me.status).toBe(200);
    const documents = await resident.client.get<{ documents: { id: string }[] }>('/api/documents');
    expect(documents.body.documents.map((d) => d.id)).toContain(objects.documentId);
    expect((await serviceApi(vault, token).get('/profile')).status).toBe(200);
    // Nothing reached Object.prototype (the vault runs in this process).
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 600_000);

  it('answers what the HTTP parser refuses with a stable code and closes the connection', async () => {
    const port = vault.config.port;
    const send = (text: string | Buffer, halfClose = true) =>
      rawExchange(port, (socket) => {
        socket.write(text);
        if (halfClose) socket.end();
      });
    const service = `Authorization: Bearer ${token}\r\n`;
    const cases: [string, string | Buffer, number[]][] = [
      [
        'a bare CR inside a header',
        'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rX-Injected: yes\r\n\r\n',
        [400],
      ],
      [
        'a bare LF ending a header',
        'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\nX-Injected: yes\r\n\r\n',
        [400],
      ],
      [
        'headers over 16 KiB',
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        [431],
      ],
      [
        'Content-Length and Transfer-Encoding (smuggling)',
        'POST /api/v1/service/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        [400],
      ],
      [
        'two different Content-Lengths',
        'POST /api/v1/service/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n{}{}',
        [400],
      ],
      [
        'a chunk size that is not hex',
        `POST /api/v1/service/requests HTTP/1.1\r\nHost: x\r\n${service}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
        [400],
      ],
      ['a request line of garbage', 'HELLO THERE\r\n\r\n', [400]],
      ['a NUL byte in the path', 'GET /api/\u0000x HTTP/1.1\r\nHost: x\r\n\r\n', [400]],
      ['a space in the path', 'GET /api/a b HTTP/1.1\r\nHost: x\r\n\r\n', [400]],
      // The client stops after 10 of 100 bytes and closes its side: refused, or simply closed.
      [
        'a body cut short',
        `POST /api/v1/service/requests HTTP/1.1\r\nHost: x\r\n${service}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"nationa`,
        [400, 0],
      ],
    ];
    const wrong: string[] = [];
    for (const [label, text, expected] of cases) {
      const outcome = await send(text);
      const head = outcome.received.split('\r\n\r\n')[0] ?? '';
      if (!expected.includes(outcome.status))
        wrong.push(`${label}: ${outcome.status} ${outcome.received.slice(0, 80)}`);
      if (/^x-injected:/im.test(head)) wrong.push(`${label}: injected header`);
      if (outcome.status >= 400) {
        const code = (rawJsonBody(outcome.received) as { error?: { code?: string } } | undefined)
          ?.error?.code;
        if (!ERROR_CODES.includes(code as ErrorCode))
          wrong.push(`${label}: no stable code: ${outcome.received.slice(0, 200)}`);
        if (LEAKS.test(outcome.received)) wrong.push(`${label}: shows internals`);
      }
    }
    expect(wrong).toEqual([]);
    expect(vault.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    expect((await sendRaw(vault.origin, { method: 'GET', path: '/healthz' })).status).toBe(200);
    expect((await serviceApi(vault, token).get('/profile')).status).toBe(200);
  });

  describe('regressions the fuzzer found (each was a 500 or an accepted control character)', () => {
    const codeOf = (text: string) =>
      (parse(text) as { error?: { code?: string } } | undefined)?.error?.code;
    const residentHeaders = () => ({
      cookie: resident.client.cookieHeader(),
      origin: vault.origin,
    });

    it('a path parameter that is not valid percent-encoding is 400 ERR_BAD_REQUEST, not 500', async () => {
      for (const [path, headers] of [
        ['/api/documents/%ff', residentHeaders()],
        ['/api/consents/%E0%A4%A/receipt', residentHeaders()],
        ['/api/v1/service/requests/%', bearer(token)],
      ] as const) {
        const res = await sendRaw(vault.origin, { method: 'GET', path, headers });
        expect([path, res.status, codeOf(res.text)]).toEqual([path, 400, 'ERR_BAD_REQUEST']);
      }
    });

    it('a body whose gzip, deflate or brotli stream is corrupt is 400 ERR_BAD_REQUEST, not 500; a sound gzip body is read', async () => {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const res = await sendRaw(vault.origin, {
          method: 'POST',
          path: '/api/uploads',
          headers: {
            ...residentHeaders(),
            'content-type': 'application/json',
            'content-encoding': encoding,
          },
          body: Buffer.from('this is not compressed'),
        });
        expect([encoding, res.status, codeOf(res.text)]).toEqual([
          encoding,
          400,
          'ERR_BAD_REQUEST',
        ]);
      }
      const sound = await sendRaw(vault.origin, {
        method: 'PATCH',
        path: `/api/passkeys/${objects.passkeyId}`,
        headers: {
          ...residentHeaders(),
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        body: zlib.gzipSync(JSON.stringify({ name: 'Gzipped name' })),
      });
      expect(sound.status).toBe(200);
    });

    it('a JSON body that is not valid UTF-8 is 400 ERR_BAD_REQUEST, and nothing is stored with U+FFFD', async () => {
      const before = await resident.client.get<{ passkeys: { id: string; name: string }[] }>(
        '/api/passkeys',
      );
      const res = await sendRaw(vault.origin, {
        method: 'PATCH',
        path: `/api/passkeys/${objects.passkeyId}`,
        headers: { ...residentHeaders(), 'content-type': 'application/json' },
        body: Buffer.concat([
          Buffer.from('{"name":"Phone '),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
      });
      expect([res.status, codeOf(res.text)]).toEqual([400, 'ERR_BAD_REQUEST']);
      const service = await sendRaw(vault.origin, {
        method: 'POST',
        path: '/api/v1/service/deposits',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: Buffer.concat([
          Buffer.from('{"nationalId":"TINIT-'),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from('"}'),
        ]),
      });
      expect([service.status, codeOf(service.text)]).toEqual([400, 'ERR_BAD_REQUEST']);
      const after = await resident.client.get('/api/passkeys');
      expect(after.body).toEqual(before.body);
    });

    it('a passkey name with a line break or another control character is 400 ERR_VALIDATION, and the name is unchanged', async () => {
      const before = await resident.client.get<{ passkeys: { id: string; name: string }[] }>(
        '/api/passkeys',
      );
      for (const name of [
        'Phone\r\nX-Injected: yes',
        'Phone\nfake log line',
        'Nul\u0000',
        'Esc\u001b[31m',
        'Tab\tname',
      ]) {
        const res = await resident.client.request('PATCH', `/api/passkeys/${objects.passkeyId}`, {
          json: { name },
        });
        expect([JSON.stringify(name), res.status, codeOf(res.text)]).toEqual([
          JSON.stringify(name),
          400,
          'ERR_VALIDATION',
        ]);
      }
      expect((await resident.client.get('/api/passkeys')).body).toEqual(before.body);
      // Letters of any script, punctuation and emoji are names like any other.
      const fine = await resident.client.request('PATCH', `/api/passkeys/${objects.passkeyId}`, {
        json: { name: 'Télefono di Zoë 📱' },
      });
      expect(fine.status).toBe(200);
    });
  });
});

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
