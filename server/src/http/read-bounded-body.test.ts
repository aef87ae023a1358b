import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from './app-error.js';
import { readBoundedBody } from './read-bounded-body.js';

const LIMIT = 1000;

/** A server whose one route reads the body with a limit and reports what happened. */
async function serve() {
  const outcomes: ({ ok: true; length: number } | { ok: false; code: string; status: number })[] =
    [];
  let settled: () => void = () => undefined;
  const next = new Promise<void>((resolve) => (settled = resolve));
  const app = express();
  app.put('/body', async (req, res) => {
    try {
      const body = await readBoundedBody(req, LIMIT);
      outcomes.push({ ok: true, length: body.length });
      res.json({ length: body.length });
    } catch (error) {
      const e = error as AppError;
      outcomes.push({ ok: false, code: e.code, status: e.status });
      if (!res.destroyed) res.status(e.status).json({ code: e.code });
    } finally {
      settled();
    }
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, outcomes, next };
}

/** Sends `parts` (one write each) without Content-Length unless given; resolves with the status. */
function put(port: number, parts: Buffer[], contentLength?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      port,
      host: '127.0.0.1',
      path: '/body',
      method: 'PUT',
      headers: contentLength === undefined ? {} : { 'content-length': String(contentLength) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

let running: http.Server | undefined;
afterEach(async () => {
  running?.closeAllConnections();
  await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()));
  running = undefined;
});

describe('readBoundedBody', () => {
  it('reads a body of exactly the limit, in any number of pieces', async () => {
    const { server, port, outcomes } = await serve();
    running = server;
    expect(await put(port, [Buffer.alloc(LIMIT)], LIMIT)).toBe(200);
    expect(await put(port, [Buffer.alloc(400), Buffer.alloc(600)])).toBe(200);
    expect(await put(port, [])).toBe(200);
    expect(outcomes).toEqual([
      { ok: true, length: LIMIT },
      { ok: true, length: LIMIT },
      { ok: true, length: 0 },
    ]);
  });

  it('refuses a declared length above the limit with 413 ERR_PAYLOAD_TOO_LARGE', async () => {
    const { server, port, outcomes } = await serve();
    running = server;
    expect(await put(port, [Buffer.alloc(LIMIT + 1)], LIMIT + 1)).toBe(413);
    expect(outcomes).toEqual([{ ok: false, code: 'ERR_PAYLOAD_TOO_LARGE', status: 413 }]);
  });

  it('refuses a chunked body once it passes the limit, and answers after draining it', async () => {
    const { server, port, outcomes } = await serve();
    running = server;
    const parts = Array.from({ length: 10 }, () => Buffer.alloc(300));
    expect(await put(port, parts)).toBe(413);
    expect(outcomes).toEqual([{ ok: false, code: 'ERR_PAYLOAD_TOO_LARGE', status: 413 }]);
    // The connection is still usable for the next request.
    expect(await put(port, [Buffer.alloc(10)])).toBe(200);
  });

  it('rejects with 400 ERR_BAD_REQUEST when the client goes away mid-body', async () => {
    const { server, port, outcomes, next } = await serve();
    running = server;
    const req = http.request({
      port,
      host: '127.0.0.1',
      path: '/body',
      method: 'PUT',
      headers: { 'content-length': '800' },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(100), () => req.destroy());
    await next;
    expect(outcomes).toEqual([{ ok: false, code: 'ERR_BAD_REQUEST', status: 400 }]);
  });
});
