import type { Context, Hono } from 'hono';
import { toErrorIssues, validationError } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { noRoute, sendError } from './error-response.js';
import { BODY_LIMIT, parseJsonObject, readBodyText } from './read-body.js';
import type { RouteSpec } from './route-spec.js';
import type { HttpEnv } from './http-env.js';

/** Whether mutations are refused because the engine is shutting down (api.md §3.2). */
export interface MutationGate {
  isShuttingDown(): boolean;
}

const SHUTDOWN_PATH = '/v1/engine/shutdown';

/**
 * Registers routes in api.md §1.3 order — route, shutdown gate, body size, JSON parse, schema —
 * and a 405 fallback with `Allow` for every known path.
 */
export function registerRoutes(app: Hono<HttpEnv>, routes: readonly RouteSpec[], gate: MutationGate): void {
  const methodsByPath = new Map<string, string[]>();
  for (const spec of routes) {
    const methods = methodsByPath.get(spec.path) ?? [];
    methods.push(spec.method);
    methodsByPath.set(spec.path, methods);
    app.on(spec.method, spec.path, (c) => handle(c, spec, gate));
  }
  for (const [path, methods] of methodsByPath) {
    const allow = allowHeader(methods);
    app.all(path, (c) => {
      c.set('route', path);
      return sendError(c, new SqlrsError('method_not_allowed', `method ${c.req.method} is not allowed; use ${allow}`), {
        Allow: allow,
      });
    });
  }
}

/** The `Allow` value for a path: its methods plus HEAD wherever GET works, sorted. */
function allowHeader(methods: readonly string[]): string {
  const all = new Set(methods);
  if (all.has('GET')) all.add('HEAD');
  return [...all].sort().join(', ');
}

async function handle(c: Context<HttpEnv>, spec: RouteSpec, gate: MutationGate): Promise<Response> {
  c.set('route', spec.path);
  try {
    // A %2F inside a segment is decoded into the parameter; such a path matches nothing (api.md §1.2).
    for (const value of Object.values(c.req.param() as Record<string, string>)) {
      if (value.includes('/')) throw noRoute(c.req.method, c.req.path);
    }
    if (spec.method !== 'GET' && spec.path !== SHUTDOWN_PATH && gate.isShuttingDown()) {
      throw new SqlrsError('unavailable', 'engine is shutting down; retry once the next engine is up');
    }
    let body: unknown = undefined;
    if (spec.body !== undefined) {
      const text = await readBodyText(c.req.raw, spec.body.limit ?? BODY_LIMIT);
      const json = parseJsonObject(text, spec.body.optional === true);
      const parsed = spec.body.schema.safeParse(json ?? {});
      if (!parsed.success) {
        throw validationError(toErrorIssues(parsed.error));
      }
      body = parsed.data;
    } else {
      await readBodyText(c.req.raw, BODY_LIMIT);
    }
    return await spec.handler(c, body);
  } catch (err) {
    return sendError(c, err);
  }
}

