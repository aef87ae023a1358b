import type { Express } from 'express';

/** One route the app answers: method and full path pattern (Express syntax, e.g. `/api/documents/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string | string[] | RegExp;
  slash?: boolean;
}

/**
 * Every route of an Express 5 app, read from its router (router 2.x layers: `rawPath` of mounted
 * routers, `route.path` and `route.methods` of routes) — so a route added later is in the list
 * without anyone remembering to add it. A mount with a RegExp path is reported as such and must be
 * handled by the caller.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const found: RouteEntry[] = [];
  walk(router.stack, '', found);
  const seen = new Set<string>();
  return found.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: LayerLike[], prefix: string, out: RouteEntry[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all')
            out.push({ method: method.toUpperCase(), path: join(prefix, p) });
        }
      }
    } else if (layer.handle?.stack) {
      const raw = layer.rawPath;
      if (raw instanceof RegExp) throw new Error(`a router is mounted at a RegExp: ${String(raw)}`);
      const mounts = Array.isArray(raw) ? raw : [raw ?? '/'];
      for (const m of mounts) walk(layer.handle.stack, m === '/' ? prefix : join(prefix, m), out);
    }
  }
}
