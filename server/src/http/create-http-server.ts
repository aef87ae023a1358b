import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { HttpLimits } from '../config.js';
import type { ErrorBody, ErrorCode } from '../contracts/index.js';

/** How often Node looks for connections past their header or request deadline, at most. */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * The vault's Node HTTP server with explicit limits against slow and greedy clients (issue 6):
 * a client that trickles its headers (slowloris) is cut off after `headersTimeoutMs`, one that
 * trickles its body after `requestTimeoutMs`, an idle keep-alive connection after
 * `keepAliveTimeoutMs`, and connections past `maxConnections` are closed at once — before the
 * process runs out of file descriptors, which SQLite needs too.
 *
 * Node only checks the two deadlines every `connectionsCheckingInterval` (30 s by default), so a
 * deadline could be overrun by that much: the interval here is a quarter of the shorter deadline,
 * at most a second. Requests the HTTP parser refuses, and timeouts, are answered in the vault's
 * error format with a stable code instead of Node's bare status line.
 */
export function createHttpServer(limits: HttpLimits, logger?: Logger): http.Server {
  const shorter = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(MAX_CHECK_INTERVAL_MS, shorter / 4)),
  });
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const refusal = refusalFor(error.code);
    logger?.info({ code: refusal.code, status: refusal.status, cause: error.code }, 'client error');
    answerClientError(socket, refusal);
  });
  server.on('drop', () => {
    logger?.warn({ maxConnections: limits.maxConnections }, 'connection refused: too many open');
  });
  return server;
}

interface Refusal {
  status: number;
  reason: string;
  code: ErrorCode;
  message: string;
}

/** What to answer for an error of Node's HTTP parser or of its request deadlines. */
function refusalFor(code: string | undefined): Refusal {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      reason: 'Request Timeout',
      code: 'ERR_REQUEST_TIMEOUT',
      message: 'The request took too long to arrive. Try again.',
    };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: 'ERR_HEADERS_TOO_LARGE',
      message: 'The request headers are too large.',
    };
  }
  return {
    status: 400,
    reason: 'Bad Request',
    code: 'ERR_BAD_REQUEST',
    message: 'The request could not be read.',
  };
}

/**
 * Writes the refusal and closes the connection, when nothing of a response has been written on it
 * yet; otherwise (a reset, a response already under way) just closes it. Node leaves both to a
 * `clientError` listener once there is one.
 */
function answerClientError(socket: Duplex, refusal: Refusal): void {
  const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
  if (!socket.writable || written > 0) {
    socket.destroy();
    return;
  }
  const body: ErrorBody = { error: { code: refusal.code, message: refusal.message } };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'Connection: close\r\n\r\n' +
      json,
  );
  // A client that never reads must not hold the socket open: give up after a moment.
  setTimeout(() => socket.destroy(), 1000).unref();
}
