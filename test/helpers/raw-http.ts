import http from 'node:http';
import net from 'node:net';

/** A request as the abuse tests send it: any method, path, headers and body bytes. */
export interface RawRequest {
  method: string;
  /** Sent as is (percent-encode what must not appear raw). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Resolve once the status and headers arrive, and drop the rest (event streams never end). */
  headersOnly?: boolean;
}

/** What came back: status, headers (lower-case names, and the raw list), the body as text. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  text: string;
}

/** One keep-alive agent per test file is enough; a refused request closes its own socket. */
export const keepAliveAgent = () => new http.Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends one request with node:http (not fetch): a body of any bytes with any content type and
 * encoding, headers fetch would refuse to set, and the raw response headers to inspect.
 */
export function sendRaw(origin: string, req: RawRequest, agent?: http.Agent): Promise<RawResponse> {
  const target = new URL(origin);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined && headers['content-length'] === undefined) {
      headers['content-length'] = String(req.body.length);
    }
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.path,
        headers,
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const answer = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
        };
        if (req.headersOnly) {
          res.destroy();
          resolve({ ...answer, text: '' });
          return;
        }
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ ...answer, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(req.body);
  });
}

/** What a raw socket received before the server closed it, and how long that took. */
export interface SocketOutcome {
  /** Everything the server wrote, as latin1 text (status line, headers, body). */
  received: string;
  /** The status code of the first status line, or 0 if none came. */
  status: number;
  /** Milliseconds from connecting to the server closing the connection. */
  closedAfterMs: number;
}

/**
 * Opens a TCP connection, lets `drive` write to it (all at once, in pieces, or half-closed), and
 * resolves when the server closes it. Rejects after `deadlineMs` if the server never does: a
 * guard against a hanging test, not a wait.
 */
export function rawExchange(
  port: number,
  drive: (socket: net.Socket) => void,
  deadlineMs = 10_000,
): Promise<SocketOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ host: '127.0.0.1', port });
    const parts: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${deadlineMs} ms`));
    }, deadlineMs);
    socket.on('connect', () => drive(socket));
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('error', () => {
      /* a reset is also a close; 'close' follows */
    });
    socket.on('close', () => {
      clearTimeout(guard);
      const received = Buffer.concat(parts).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ received, status, closedAfterMs: performance.now() - started });
    });
  });
}

/** The JSON body after the blank line of a raw response, or undefined. */
export function rawJsonBody(received: string): unknown {
  const at = received.indexOf('\r\n\r\n');
  if (at < 0) return undefined;
  try {
    return JSON.parse(received.slice(at + 4));
  } catch {
    return undefined;
  }
}
