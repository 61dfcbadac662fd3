import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context';

export type RouteRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  ctx: SandboxContext;
  /** The matched route's endpoint name (rate limits are looked up by it). */
  endpoint: string;
};

export type RouteHandler = (request: RouteRequest) => Promise<void> | void;

/** Which envelope an injected fault is written in; each TikTok host has its own error shape. */
export type Surface = 'oauth' | 'open-api' | 'upload' | 'business' | 'cdn' | 'page' | 'control';

export type RouteMeta = {
  /** Stable name used by the request log and fault injection, e.g. `oauth.token`. */
  endpoint: string;
  surface: Surface;
};

export type Route = RouteMeta & {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
};

export class Router {
  private routes: Route[] = [];

  /** Paths may hold `:name` segments; a trailing slash in the path is optional when matching. */
  add(method: string, path: string, meta: RouteMeta, handler: RouteHandler) {
    const keys: string[] = [];
    const source = path
      .replace(/\/$/, '')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:(\w+)/g, (_, key: string) => {
        keys.push(key);
        return '([^/]+)';
      });
    this.routes.push({ method, ...meta, pattern: new RegExp(`^${source}/?$`), keys, handler });
  }

  match(method: string, pathname: string) {
    for (const route of this.routes) {
      if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params = Object.fromEntries(
        route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1] ?? '')]),
      );
      return { route, params };
    }
    return null;
  }

  /** Methods that would match this path, for a 405 instead of a 404. */
  allowedMethods(pathname: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(pathname)).map((r) => r.method))];
  }
}
