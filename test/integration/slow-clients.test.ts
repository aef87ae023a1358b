import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, rawJsonBody, sendRaw } from '../helpers/raw-http.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * Slow-client protection (issue 6): the vault's HTTP server cuts off a client that trickles its
 * headers (slowloris) after VAULT_HEADERS_TIMEOUT_MS, one that trickles its body after
 * VAULT_REQUEST_TIMEOUT_MS, and an idle keep-alive connection after VAULT_KEEP_ALIVE_TIMEOUT_MS,
 * while other clients are served as usual; past VAULT_MAX_CONNECTIONS a new connection is closed.
 * The timeouts are short here; each test waits for the server to close the socket, never a fixed
 * time.
 */

const HEADERS_MS = 600;
const REQUEST_MS = 1200;
const KEEP_ALIVE_MS = 400;
/** Node checks deadlines every quarter of the shorter one; a loaded CI machine adds to that. */
const SLACK_MS = 2000;

/** Writes `piece` every `everyMs` until the socket closes: the slow client's own pace. */
function trickle(socket: net.Socket, piece: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.writable) socket.write(piece);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

const codeOf = (received: string) =>
  (rawJsonBody(received) as { error?: { code?: string } } | undefined)?.error?.code;

describe('slow clients', () => {
  let vault: TestVault;

  beforeAll(async () => {
    vault = await startVault({
      env: {
        VAULT_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
        VAULT_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
        VAULT_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
      },
    });
  });

  afterAll(async () => {
    await vault?.close();
  });

  it('cuts off a client that trickles its headers (slowloris) with 408, while a normal request is served', async () => {
    let normal: Promise<{ status: number; ms: number }> | undefined;
    const outcome = await rawExchange(vault.config.port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      trickle(socket, 'X-Slow: a\r\n', 100);
      const started = performance.now();
      normal = sendRaw(vault.origin, { method: 'GET', path: '/api/config' }).then((res) => ({
        status: res.status,
        ms: performance.now() - started,
      }));
    });
    expect(outcome.status).toBe(408);
    expect(codeOf(outcome.received)).toBe('ERR_REQUEST_TIMEOUT');
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 20);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_MS + SLACK_MS);
    const served = await normal!;
    expect(served.status).toBe(200);
    expect(served.ms).toBeLessThan(HEADERS_MS);
  });

  it('cuts off a client that trickles its body with 408, while a normal request is served', async () => {
    let normal: Promise<number> | undefined;
    const outcome = await rawExchange(vault.config.port, (socket) => {
      socket.write(
        'POST /api/auth/sign-out HTTP/1.1\r\nHost: localhost\r\n' +
          `Origin: ${vault.origin}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 1000\r\n\r\n{"a":"',
      );
      trickle(socket, 'aaaaaaaaaa', 100);
      normal = sendRaw(vault.origin, { method: 'GET', path: '/healthz' }).then((r) => r.status);
    });
    expect(outcome.status).toBe(408);
    expect(codeOf(outcome.received)).toBe('ERR_REQUEST_TIMEOUT');
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_MS - 20);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_MS + SLACK_MS);
    expect(await normal!).toBe(200);
    // The cut-off body reached no handler as a request: nothing was logged as a server error.
    expect(vault.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    let answeredAt = 0;
    const outcome = await rawExchange(vault.config.port, (socket) => {
      socket.on('data', () => {
        answeredAt ||= performance.now();
      });
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    });
    const started = performance.now() - outcome.closedAfterMs;
    const idleMs = outcome.closedAfterMs - (answeredAt - started);
    expect(outcome.status).toBe(200);
    expect(outcome.received).toContain('Keep-Alive: timeout=');
    // Node 20 keeps the socket one second past the timeout it announces (its buffer against a
    // client that sends a request just as the server closes).
    expect(idleMs).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 20);
    expect(idleMs).toBeLessThan(KEEP_ALIVE_MS + 1000 + SLACK_MS);
  });
});

describe('connection cap', () => {
  const CAP = 3;
  let vault: TestVault;

  beforeAll(async () => {
    vault = await startVault({ env: { VAULT_MAX_CONNECTIONS: String(CAP) } });
  });

  afterAll(async () => {
    await vault?.close();
  });

  it('closes connections past VAULT_MAX_CONNECTIONS at once, and serves again when one ends', async () => {
    // CAP clients that opened a connection and are still sending their headers.
    const held: net.Socket[] = [];
    const closed: Promise<unknown>[] = [];
    for (let i = 0; i < CAP; i++) {
      closed.push(
        rawExchange(vault.config.port, (socket) => {
          held.push(socket);
          socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
        }),
      );
    }
    // Wait until the server holds all of them (each answers once it is complete, below).
    await expect.poll(() => held.length).toBe(CAP);
    // One more is closed without an answer, long before any timeout.
    const refused = await rawExchange(vault.config.port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
    expect(refused.status).toBe(0);
    expect(refused.closedAfterMs).toBeLessThan(5000);
    expect(vault.logs.some((l) => l.msg === 'connection refused: too many open')).toBe(true);

    // The held clients finish their requests and are answered; then a new client is served.
    for (const socket of held) socket.end('\r\n');
    await Promise.all(closed);
    await expect
      .poll(async () => (await sendRaw(vault.origin, { method: 'GET', path: '/healthz' })).status)
      .toBe(200);
  });
});
