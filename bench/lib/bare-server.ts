import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The machine's ceiling for the document benchmarks (issue 3): a bare node:http server that keeps
 * PUT bodies in a Map and serves them back. No auth, no disk, no crypto, no framework.
 */
export async function startBareServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const store = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const key = req.url ?? '/';
    if (req.method === 'PUT') {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        store.set(key, Buffer.concat(parts));
        res.writeHead(204).end();
      });
      return;
    }
    const body = store.get(key);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-length': body.length,
      'content-type': 'application/octet-stream',
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
