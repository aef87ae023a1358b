import http from 'node:http';

/**
 * A lean keep-alive HTTP/1.1 client on node:http, so that the client is not the bottleneck
 * (autocannon spends ~2 ms of CPU per 100 KiB response here).
 */
export class LeanClient {
  readonly #agent: http.Agent;
  readonly #origin: URL;
  readonly #headers: Record<string, string>;

  constructor(origin: string, headers: Record<string, string> = {}, maxSockets = 64) {
    this.#origin = new URL(origin);
    this.#headers = headers;
    // With a `timeout` set, Node lowers it to just under the server's `Keep-Alive: timeout=N` for
    // idle sockets, and drops them before the server does; without one it keeps them forever and
    // may reuse one just as the server closes it (ECONNRESET on a request the server never saw).
    this.#agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 60_000 });
  }

  /**
   * Sends a request; resolves with status and body (or, with `sink`, the body's length only).
   * With `timeoutMs`, a request that has not finished by then is aborted and rejects.
   */
  request(
    method: string,
    path: string,
    body?: Uint8Array | string,
    headers: Record<string, string> = {},
    options: { sink?: (chunk: Buffer) => void; timeoutMs?: number } = {},
  ): Promise<{ status: number; body: Buffer; bytes: number }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.#agent,
          host: this.#origin.hostname,
          port: this.#origin.port,
          method,
          path,
          headers: {
            ...this.#headers,
            ...headers,
            ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          let bytes = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (options.sink) options.sink(c);
            else parts.push(c);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts), bytes }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (options.timeoutMs !== undefined) {
        const timer = setTimeout(
          () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
        req.on('close', () => clearTimeout(timer));
      }
      if (body !== undefined) req.end(body);
      else req.end();
    });
  }

  /** The headers sent with every request (e.g. the session cookie). */
  get headers(): Record<string, string> {
    return { ...this.#headers };
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; returns latencies (ms). */
export async function runPool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}

/** The p-th percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
