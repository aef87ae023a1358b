import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { requestLog } from './request-log.js';

interface Line {
  level: number;
  msg: string;
  req: { id: number; method: string; path: string };
  res: { status: number };
  responseTime: number;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** An app with the request log in front of a few routes; `lines` fills as requests end. */
async function serve(level: string) {
  const lines: Line[] = [];
  const waiters: (() => void)[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(l) as Line);
      }
      for (const w of waiters.splice(0)) w();
      done();
    },
  });
  const app = express();
  app.use(requestLog(createLogger(level, destination)));
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  app.get('/refused', (_req, res) => res.status(403).json({}));
  app.get('/broken', (_req, res) => res.status(500).json({}));
  app.get('/slow', (_req, res) => {
    res.writeHead(200, { 'Content-Length': '10' });
    res.write('12345');
  });
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const linesAtLeast = async (n: number) => {
    while (lines.length < n) await new Promise<void>((r) => waiters.push(r));
    return lines;
  };
  return { origin, lines, linesAtLeast };
}

describe('requestLog', () => {
  it('logs method, path without the query string, status and time, at a level by status', async () => {
    const { origin, linesAtLeast } = await serve('debug');
    await fetch(`${origin}/ok?code=SECRET-CODE&state=SECRET-STATE`);
    await fetch(`${origin}/refused`);
    await fetch(`${origin}/broken`);
    const lines = await linesAtLeast(3);
    expect(lines.map((l) => [l.level, l.msg, l.req.method, l.req.path, l.res.status])).toEqual([
      [20, 'request completed', 'GET', '/ok', 200],
      [30, 'request completed', 'GET', '/refused', 403],
      [50, 'request completed', 'GET', '/broken', 500],
    ]);
    expect(new Set(lines.map((l) => l.req.id)).size).toBe(3);
    expect(lines.every((l) => Number.isInteger(l.responseTime) && l.responseTime >= 0)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it('writes nothing for successful requests at level info, but still logs refusals', async () => {
    const { origin, lines, linesAtLeast } = await serve('info');
    await fetch(`${origin}/ok`);
    await fetch(`${origin}/refused`);
    await linesAtLeast(1);
    expect(lines.map((l) => l.req.path)).toEqual(['/refused']);
  });

  it('says when the client went away before the answer was complete', async () => {
    const { origin, linesAtLeast } = await serve('info');
    await new Promise<void>((resolve) => {
      const req = http.get(`${origin}/slow`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
    });
    const [line] = await linesAtLeast(1);
    expect([line!.level, line!.msg, line!.req.path]).toEqual([30, 'request aborted', '/slow']);
  });
});
