import type { ErrorCode } from './api-types';

/** Codes the web app adds for failures that did not come from the vault as an error body. */
export type ClientErrorCode = 'ERR_NETWORK' | 'ERR_UNEXPECTED_RESPONSE';

/** Every failed API call throws this, with the vault's stable `code`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;

  constructor(
    status: number,
    code: ErrorCode | ClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Options of one request. */
export interface RequestOptions {
  /** Aborts the request; the promise then rejects with the signal's reason, not an ApiError. */
  signal?: AbortSignal;
}

/**
 * Calls the vault's JSON API on the same origin. Non-GET requests always carry
 * `Content-Type: application/json` (the server's CSRF defence also checks `Origin`, which the
 * browser adds). Resolves `undefined` for 204; throws {@link ApiError} for anything else not 2xx.
 */
export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.signal) init.signal = options.signal;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (body !== undefined) init.body = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (cause) {
    options.signal?.throwIfAborted();
    throw new ApiError(0, 'ERR_NETWORK', `${method} ${path}: network error`, { cause });
  }

  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => undefined);
  options.signal?.throwIfAborted();
  if (!res.ok) throw toApiError(res.status, data);
  if (data === undefined) {
    throw new ApiError(res.status, 'ERR_UNEXPECTED_RESPONSE', `${method} ${path}: not JSON`);
  }
  return data as T;
}

/** The {@link ApiError} for a response that is not 2xx, from its parsed JSON body (if any). */
export function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    // An unknown code from a newer server still travels; the UI falls back to a generic text.
    return new ApiError(status, error.code as ErrorCode, message);
  }
  if (status === 401) return new ApiError(status, 'ERR_UNAUTHENTICATED', 'Unauthenticated');
  if (status === 429) return new ApiError(status, 'ERR_RATE_LIMITED', 'Rate limited');
  return new ApiError(status, 'ERR_UNEXPECTED_RESPONSE', `HTTP ${status}`);
}

/** `GET path`. */
export function apiGet<T>(path: string, options?: RequestOptions): Promise<T> {
  return apiRequest<T>('GET', path, undefined, options);
}

/** `POST path` with a JSON body (`{}` when there is nothing to send). */
export function apiPost<T>(path: string, body: unknown = {}, options?: RequestOptions): Promise<T> {
  return apiRequest<T>('POST', path, body, options);
}

/** `PUT path` with a JSON body. */
export function apiPut<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
  return apiRequest<T>('PUT', path, body, options);
}

/** `PATCH path` with a JSON body. */
export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('PATCH', path, body);
}

/** `DELETE path` (no body; still sends the JSON content type). */
export function apiDelete(path: string, options?: RequestOptions): Promise<void> {
  return apiRequest<void>('DELETE', path, undefined, options);
}

/** True when the error says the session is gone (signed out, expired, ended elsewhere). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'ERR_UNAUTHENTICATED';
}
