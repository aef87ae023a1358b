import type { RequestHandler } from 'express';
import type { Level, Logger } from 'pino';

/**
 * One log line per request, when it ends: a request id, the method, the path (never the query
 * string, which can carry authorization codes and `state`), the status and the time taken.
 * Successful requests at `debug`, client errors at `info`, server errors at `error`; a request the
 * client abandoned before the answer was complete at `info`. Nothing is built for a line whose level
 * is off: this runs on every request (ADR 0011).
 */
export function requestLog(logger: Logger): RequestHandler {
  let lastId = 0;
  return (req, res, next) => {
    const id = (lastId += 1);
    const started = performance.now();
    const line = (level: Level, message: string) => {
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, path: req.originalUrl.split('?')[0] },
          res: { status: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        message,
      );
    };
    res.once('close', () => {
      if (!res.writableFinished) line('info', 'request aborted');
      else {
        const status = res.statusCode;
        line(status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug', 'request completed');
      }
    });
    next();
  };
}
