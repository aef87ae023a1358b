import type { Request } from 'express';

/** The client's address as Express resolved it (honours `trust proxy` when configured). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
