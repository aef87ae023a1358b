import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny reverse proxy for the scale-out tests (issue 7): it stands where nginx or HAProxy stands in
 * a city's deployment, in front of several vault nodes, and sends each request to the next node in
 * turn. Bodies stream both ways (uploads, downloads, server-sent events); it adds
 * X-Forwarded-For/-Proto/-Host as a load balancer does (the vault reads them with VAULT_TRUST_PROXY)
 * and keeps the Host header, as `proxy_set_header Host $host` does.
 *
 * A test can pin one request to a node with the {@link PIN_HEADER} header (its value is the node's
 * index, from 0), which the proxy removes before forwarding. Like nginx's `proxy_next_upstream
 * error`, a request without a body that could not reach its node (refused or reset before any
 * answer) is tried on the next one, and that node is passed over for a while; anything else that
 * fails is answered 502.
 */

/** The header that pins a request to one node: `x-test-node: 1` goes to the second upstream. */
export const PIN_HEADER = 'x-test-node';

/** One request as the proxy handled it: which node answered (or null) and with what status. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** Index of the node that answered; null if none could. */
  node: number | null;
  /** The node's status code, or 502 when no node answered. */
  status: number;
  /**
   * Tries on nodes that failed before answering (a refused or reset connection). A node killed
   * after its commit and before its answer did the work all the same: a request with failed tries
   * may have taken effect on more than one node.
   */
  failedTries: number;
}

/** A running proxy. */
export interface RoundRobinProxy {
  /** e.g. http://localhost:41234: the origin the vault nodes are configured with. */
  origin: string;
  port: number;
  /** The upstream origins, in order; {@link addUpstream} appends. */
  readonly upstreams: readonly string[];
  /** Adds a node (its origin, e.g. http://127.0.0.1:40001); returns its index. */
  addUpstream(origin: string): number;
  /** Every request so far, in the order they were answered. */
  readonly handled: readonly ProxiedRequest[];
  /** Headers that pin a request to node `index` (to spread into a client's request headers). */
  pin(index: number): Record<string, string>;
  close(): Promise<void>;
}

/** How long a node that refused a connection is passed over (nginx's `fail_timeout`). */
const DOWN_FOR_MS = 10_000;

/** Hop-by-hop headers (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Starts a proxy on a free loopback port with `upstreams` (more can be added later). */
export async function startRoundRobinProxy(upstreams: string[] = []): Promise<RoundRobinProxy> {
  const nodes = [...upstreams];
  const downUntil = new Map<number, number>();
  const handled: ProxiedRequest[] = [];
  // Keep-alive connections to the nodes, as a load balancer keeps them; destroyed on close.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let turn = 0;

  /** The next node in turn that is not passed over (or the next in turn if all are). */
  const nextNode = (exclude: Set<number>): number | null => {
    const candidates = nodes.map((_, i) => i).filter((i) => !exclude.has(i));
    if (candidates.length === 0) return null;
    const now = Date.now();
    const up = candidates.filter((i) => (downUntil.get(i) ?? 0) <= now);
    const pool = up.length > 0 ? up : candidates;
    const chosen = pool[turn % pool.length]!;
    turn += 1;
    return chosen;
  };

  const server = http.createServer((req, res) => {
    const pinned = req.headers[PIN_HEADER];
    const hasBody =
      req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0'
        ? true
        : req.headers['transfer-encoding'] !== undefined;
    const tried = new Set<number>();
    let failedTries = 0;
    const record = (node: number | null, status: number) =>
      handled.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        node,
        status,
        failedTries,
      });

    const attempt = () => {
      let node: number | null;
      if (typeof pinned === 'string') {
        node = Number(pinned);
        if (!Number.isInteger(node) || nodes[node] === undefined || tried.has(node)) node = null;
      } else {
        node = nextNode(tried);
      }
      if (node === null) {
        record(null, 502);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('no vault node could answer');
        return;
      }
      tried.add(node);
      const target = new URL(req.url ?? '/', nodes[node]);
      const headers = forwardable(req.headers);
      delete headers[PIN_HEADER];
      const client = req.socket.remoteAddress ?? '127.0.0.1';
      const before = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = before ? `${String(before)}, ${client}` : client;
      headers['x-forwarded-proto'] = 'http';
      headers['x-forwarded-host'] = req.headers.host ?? '';
      const chosen = node;
      const upstream = http.request(
        target,
        { method: req.method, headers, agent, setHost: false },
        (answer) => {
          record(chosen, answer.statusCode ?? 502);
          res.writeHead(
            answer.statusCode ?? 502,
            answer.statusMessage,
            forwardable(answer.headers),
          );
          // Server-sent events: the headers go out now, each event as it comes (no buffering).
          res.flushHeaders();
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) {
          res.destroy(); // cut off mid-answer: the client sees it cut off, as it would behind nginx
          return;
        }
        // A refused connection is a node that is down; a reset may be a stale keep-alive socket.
        if (error.code === 'ECONNREFUSED') downUntil.set(chosen, Date.now() + DOWN_FOR_MS);
        failedTries += 1;
        // Nothing of a bodiless request was consumed: another node can take it whole.
        if (!hasBody) attempt();
        else {
          record(chosen, 502);
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end('the vault node did not answer');
        }
      });
      // The client went away (an event stream closed): end the node's side too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (hasBody) req.pipe(upstream);
      else upstream.end();
    };
    attempt();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    port,
    upstreams: nodes,
    addUpstream(origin) {
      nodes.push(origin);
      return nodes.length - 1;
    },
    handled,
    pin: (index) => ({ [PIN_HEADER]: String(index) }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
