import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PIN_HEADER, startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';
import { freePort } from './start-vault.js';

/**
 * The test load balancer of the scale-out tests must itself be right, or those tests prove
 * nothing: it spreads requests in turn, pins on request, streams both ways without buffering (an
 * event stream's first event arrives while the stream stays open), and passes over a dead node.
 */

interface Upstream {
  origin: string;
  /** The headers of every request it got. */
  seen: http.IncomingHttpHeaders[];
  server: http.Server;
}

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A node that answers `name`, echoes a POST's SHA-256 and size, and holds /events open. */
async function upstream(name: string): Promise<Upstream> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`event: hello\ndata: ${name}\n\n`);
      req.on('close', () => res.end());
      return;
    }
    const hash = createHash('sha256');
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.end(JSON.stringify({ name, size, sha256: hash.digest('hex') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { origin: `http://127.0.0.1:${port}`, seen, server };
}

async function proxyFor(...nodes: string[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy(nodes);
  closers.push(() => proxy.close());
  return proxy;
}

const nameOf = async (res: Response) => ((await res.json()) as { name: string }).name;

describe('the round-robin test proxy', () => {
  it('sends requests to the nodes in turn, or to the pinned one, with the forwarding headers', async () => {
    const [a, b] = [await upstream('a'), await upstream('b')];
    const proxy = await proxyFor(a.origin, b.origin);
    const names = [];
    for (let i = 0; i < 4; i++) names.push(await nameOf(await fetch(`${proxy.origin}/x`)));
    expect(names).toEqual(['a', 'b', 'a', 'b']);
    const pinned = [];
    for (let i = 0; i < 3; i++) {
      pinned.push(await nameOf(await fetch(`${proxy.origin}/y`, { headers: proxy.pin(1) })));
    }
    expect(pinned).toEqual(['b', 'b', 'b']);
    expect(proxy.handled.map((r) => r.node)).toEqual([0, 1, 0, 1, 1, 1, 1]);

    const headers = b.seen.at(-1)!;
    expect(headers[PIN_HEADER]).toBeUndefined();
    expect(headers.host).toBe(`localhost:${proxy.port}`);
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(`localhost:${proxy.port}`);
  });

  it('streams a 3 MB request body through whole, and keeps every Set-Cookie line', async () => {
    const node = await upstream('a');
    const proxy = await proxyFor(node.origin);
    const body = randomBytes(3 * 1024 * 1024);
    const res = await fetch(`${proxy.origin}/upload`, { method: 'PUT', body });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await res.json()).toEqual({
      name: 'a',
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
  });

  it('passes an event through while its stream stays open, and ends the node’s side when the client leaves', async () => {
    const node = await upstream('a');
    const proxy = await proxyFor(node.origin);
    const abort = new AbortController();
    const res = await fetch(`${proxy.origin}/events`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    // The first event came while the node still holds the stream open: nothing was buffered.
    expect(Buffer.from(value!).toString()).toBe('event: hello\ndata: a\n\n');
    abort.abort();
    // The node's side closes too: its connection count drops to zero (the proxy's agent keeps
    // no socket whose response never finished).
    const deadline = Date.now() + 5_000;
    for (;;) {
      const open = await new Promise<number>((resolve) =>
        node.server.getConnections((_e, n) => resolve(n)),
      );
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error(`${open} connection(s) still open to the node`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it('passes over a node that refuses connections for a bodiless request; a request with a body gets 502', async () => {
    const node = await upstream('a');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const proxy = await proxyFor(dead, node.origin);
    expect(await nameOf(await fetch(`${proxy.origin}/x`))).toBe('a');
    // The dead node is passed over from now on.
    for (let i = 0; i < 3; i++) expect(await nameOf(await fetch(`${proxy.origin}/x`))).toBe('a');
    expect(proxy.handled.map((r) => [r.node, r.failedTries])).toEqual([
      [1, 1],
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    const pinned = await fetch(`${proxy.origin}/x`, { headers: proxy.pin(0) });
    expect(pinned.status).toBe(502);
    const posted = await fetch(`${proxy.origin}/x`, {
      method: 'POST',
      body: 'x',
      headers: proxy.pin(0),
    });
    expect(posted.status).toBe(502);
  });
});
