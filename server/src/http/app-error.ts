import type { ErrorCode } from '../contracts/index.js';

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** Whether `message` may be sent to the client. Unexposed errors answer with a generic text. */
  expose?: boolean;
  /** The underlying error, for the server log only. */
  cause?: unknown;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** Detail for the server log only: never sent to the client. */
  detail?: string;
}

/**
 * The one error family for domain and protocol failures (STYLE §5): a stable `code`, an HTTP
 * `status`, and an `expose` flag that decides whether `message` may leave the server.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly headers: Record<string, string>;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.expose = options.expose ?? status < 500;
    this.headers = options.headers ?? {};
    this.detail = options.detail;
  }
}

/** Type guard for {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
