import type { MiddlewareHandler } from 'hono';
import type { Context } from 'hono';
import type { HttpEnv } from './http-env.js';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What the request middleware reports each finished request to. */
interface RequestObserver {
  observeHttpRequest(o: { method: string; route: string; status: number; seconds: number }): void;
}

/** Counts open requests so an idle engine can tell it is idle (api.md §1.1). */
export interface ActivityTracker {
  /** Marks one unit of activity as started; call the returned function when it ends. */
  begin(): () => void;
}

/** Minimal logger surface used for request lines. */
interface RequestLogger {
  debug(obj: object, msg: string): void;
}

/** Options of the outermost middleware. */
export interface RequestContextOptions {
  newRequestId: () => string;
  observer: RequestObserver;
  logger: RequestLogger;
  activity?: ActivityTracker;
  clock?: () => number;
}

/**
 * Outermost middleware: assigns `X-Request-Id` (the client's when well-formed), counts the request
 * as activity, and records metrics and a log line with the route template.
 */
export function requestContext(o: RequestContextOptions): MiddlewareHandler<HttpEnv> {
  const clock = o.clock ?? (() => performance.now());
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : o.newRequestId();
    c.set('requestId', requestId);
    const end = o.activity?.begin();
    const started = clock();
    try {
      await next();
    } finally {
      end?.();
    }
    setHeader(c, 'X-Request-Id', requestId);
    const route = c.get('route') ?? 'unmatched';
    const status = c.res.status;
    const seconds = (clock() - started) / 1000;
    o.observer.observeHttpRequest({ method: c.req.method, route, status, seconds });
    o.logger.debug({ request_id: requestId, method: c.req.method, route, status, ms: seconds * 1000 }, 'request');
  };
}

// Some responses (fetch or Response.redirect) carry immutable headers; copy those before setting.
function setHeader(c: Context<HttpEnv>, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    const copy = new Response(c.res.body, c.res);
    copy.headers.set(name, value);
    c.res = copy;
  }
}
