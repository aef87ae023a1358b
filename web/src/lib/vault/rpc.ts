/**
 * Request/response over `postMessage`, with progress events and cancellation: the plumbing
 * between the page and the vault worker. Pure: it works over any pair of message ports, which is
 * how the unit tests drive it.
 */
import { ApiError, type ClientErrorCode } from '../api';
import type { ErrorCode } from '../api-types';
import { VaultError, type VaultErrorCode } from './vault-error';

/** The shape of one method: what it takes, gives back, and reports on the way. */
export interface MethodSpec {
  params: unknown;
  result: unknown;
  progress?: unknown;
}

type ProgressOf<S> = S extends { progress: infer P } ? P : never;

/** An error as it crosses the boundary: a stable code, never a stack or a secret. */
export type WireError =
  | { kind: 'api'; status: number; code: ErrorCode | ClientErrorCode; message: string }
  | { kind: 'vault'; code: VaultErrorCode }
  | { kind: 'aborted' }
  | { kind: 'unknown' };

/** Page → worker. */
export type RpcRequest =
  { type: 'call'; id: number; method: string; params: unknown } | { type: 'abort'; id: number };

/** Worker → page. */
export type RpcReply =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'progress'; id: number; progress: unknown };

/** The part of a `Worker`, `MessagePort` or worker global scope that the plumbing uses. */
export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Turns anything thrown into a {@link WireError}. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ApiError) {
    return { kind: 'api', status: error.status, code: error.code, message: error.message };
  }
  if (error instanceof VaultError) return { kind: 'vault', code: error.code };
  if (isAbortError(error)) return { kind: 'aborted' };
  return { kind: 'unknown' };
}

/** Rebuilds the error the page shows from a {@link WireError}. */
export function fromWireError(error: WireError): Error {
  switch (error.kind) {
    case 'api':
      return new ApiError(error.status, error.code, error.message);
    case 'vault':
      return new VaultError(error.code);
    case 'aborted':
      return abortError();
    case 'unknown':
      return new Error('The vault worker failed');
  }
}

/** A fresh `AbortError`, as `fetch` throws. */
export function abortError(): DOMException {
  return new DOMException('The operation was aborted', 'AbortError');
}

/** True for an `AbortError` (a cancelled call or request). */
export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException || error instanceof Error) &&
    (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}

/** Options of one call. */
export interface CallOptions<P> {
  /** Cancels the call: it rejects with an `AbortError` at once, and the worker is told to stop. */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /** Buffers to move rather than copy (their owners lose them). */
  transfer?: Transferable[];
}

/** The page's side. */
export interface RpcClient<M extends { [K in keyof M]: MethodSpec }> {
  call<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options?: CallOptions<ProgressOf<M[K]>>,
  ): Promise<M[K]['result']>;
  /** Rejects every pending call with `error` (the worker is gone); later calls reject too. */
  close(error: Error): void;
  /** How many calls are waiting for an answer. */
  readonly pending: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress: ((progress: unknown) => void) | undefined;
}

/** Makes the calling side over an endpoint (a `Worker`). */
export function createRpcClient<M extends { [K in keyof M]: MethodSpec }>(
  endpoint: Endpoint,
): RpcClient<M> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed: Error | null = null;

  endpoint.addEventListener('message', (event) => {
    const reply = event.data as RpcReply;
    const call = pending.get(reply.id);
    if (!call) return; // cancelled, or closed: the late answer is dropped
    if (reply.type === 'progress') {
      call.onProgress?.(reply.progress);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'result') call.resolve(reply.value);
    else call.reject(fromWireError(reply.error));
  });

  return {
    call(method, params, options = {}) {
      if (closed) return Promise.reject(closed);
      const { signal, onProgress, transfer = [] } = options;
      if (signal?.aborted) return Promise.reject(abortError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          if (!pending.delete(id)) return;
          endpoint.postMessage({ type: 'abort', id } satisfies RpcRequest, []);
          reject(abortError());
        };
        pending.set(id, {
          resolve: (value) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(value as never);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
          onProgress: onProgress as ((progress: unknown) => void) | undefined,
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        endpoint.postMessage({ type: 'call', id, method, params } satisfies RpcRequest, transfer);
      });
    },
    close(error) {
      closed = error;
      const calls = [...pending.values()];
      pending.clear();
      for (const call of calls) call.reject(error);
    },
    get pending() {
      return pending.size;
    },
  };
}

/** What a handler gets besides its params. */
export interface HandlerContext<P> {
  /** Aborted when the page cancels the call. */
  signal: AbortSignal;
  progress: (progress: P) => void;
}

/** One handler per method. */
export type Handlers<M extends { [K in keyof M]: MethodSpec }> = {
  [K in keyof M]: (
    params: M[K]['params'],
    context: HandlerContext<ProgressOf<M[K]>>,
  ) => Promise<M[K]['result']> | M[K]['result'];
};

/** Options of {@link serveRpc}. */
export interface ServeOptions {
  /** Handlers run once this has resolved (e.g. libsodium loaded); if it rejects, calls fail. */
  ready?: Promise<unknown>;
  /** Turns domain errors into ones {@link toWireError} knows, before they cross. */
  mapError?: (error: unknown) => unknown;
}

/** Serves calls on an endpoint (the worker's global scope). */
export function serveRpc<M extends { [K in keyof M]: MethodSpec }>(
  endpoint: Endpoint,
  handlers: Handlers<M>,
  { ready, mapError = (error) => error }: ServeOptions = {},
): void {
  const running = new Map<number, AbortController>();
  const reply = (message: RpcReply) => endpoint.postMessage(message, []);

  endpoint.addEventListener('message', (event) => {
    const request = event.data as RpcRequest;
    if (request.type === 'abort') {
      running.get(request.id)?.abort(abortError());
      return;
    }
    const { id, method, params } = request;
    const handler = Object.hasOwn(handlers, method)
      ? (handlers[method as keyof M] as (p: unknown, c: HandlerContext<unknown>) => unknown)
      : undefined;
    if (!handler) {
      reply({ type: 'error', id, error: { kind: 'unknown' } });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const context: HandlerContext<unknown> = {
      signal: controller.signal,
      progress: (progress) => {
        if (!controller.signal.aborted) reply({ type: 'progress', id, progress });
      },
    };
    Promise.resolve(ready)
      .then(() => handler(params, context))
      .then(
        (value) => reply({ type: 'result', id, value }),
        (error: unknown) => reply({ type: 'error', id, error: toWireError(mapError(error)) }),
      )
      // A result that cannot be cloned still answers the call.
      .catch(() => reply({ type: 'error', id, error: { kind: 'unknown' } }))
      .finally(() => running.delete(id));
  });
}
