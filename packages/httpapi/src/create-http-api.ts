import { Hono } from 'hono';
import { bearerAuth } from '@sqlrs/auth';
import { parseDuration } from '@sqlrs/contract';
import type { ConfigStore } from '@sqlrs/contract';
import type { Store } from '@sqlrs/store';
import type { Logger, Metrics } from '@sqlrs/telemetry';
import { noRoute, sendError } from './error-response.js';
import type { HttpEnv } from './http-env.js';
import { openApiDocument } from './openapi-document.js';
import { registerRoutes } from './register-routes.js';
import { requestContext } from './request-context.js';
import type { ActivityTracker } from './request-context.js';
import type { RouteSpec } from './route-spec.js';
import { configRoutes } from './routes/config.js';
import { docsRoutes } from './routes/docs.js';
import { engineRoutes } from './routes/engine.js';
import type { EngineIdentity, EngineInfoSource, ShutdownControl } from './routes/engine.js';
import { instanceRoutes } from './routes/instances.js';
import { nameRoutes } from './routes/names.js';
import { cacheRoutes } from './routes/cache.js';
import { prepareJobRoutes } from './routes/prepare-jobs.js';
import { runRoutes } from './routes/runs.js';
import { stateRoutes } from './routes/states.js';
import type { DeletionService, InstanceLifecycle, PrepareService, RunService } from './services.js';
import { StreamSlots } from './stream-slots.js';

/** Everything the HTTP API needs; the engine's composition root supplies it. */
export interface HttpApiOptions {
  identity: EngineIdentity;
  authToken: string;
  store: Store;
  config: ConfigStore;
  metrics: Pick<Metrics, 'observeHttpRequest' | 'render'>;
  logger: Pick<Logger, 'debug' | 'error'>;
  shutdown: ShutdownControl;
  activity?: ActivityTracker;
  engineInfo?: EngineInfoSource;
  /** Serves prepare jobs, events, tasks and cache explain; without it those routes answer 503. */
  prepare?: PrepareService;
  /** Serves `POST /v1/runs`; without it that route answers 503. */
  runs?: RunService;
  /** Serves instance and state deletes; without it they answer 503. */
  deletion?: DeletionService;
  /** Serves reset and live connection counts; without it reset answers 503. */
  instances?: InstanceLifecycle;
  /** Event stream keep-alive interval in ms; defaults to the live `events.heartbeatInterval` (500 ms). */
  heartbeatMs?: () => number;
  /** Event stream slots (64 in total, 16 per job unless a test says otherwise). */
  streamSlots?: StreamSlots;
  newRequestId: () => string;
  now: () => number;
}

/** The engine's HTTP API: a hono app and the route list it serves (for docs and tests). */
export interface HttpApi {
  app: Hono<HttpEnv>;
  routes: readonly RouteSpec[];
  openapi(): object;
}

/** Builds the hono app of api.md: auth first, then routing with 404/405, then each route's pipeline. */
export function createHttpApi(o: HttpApiOptions): HttpApi {
  let document: object | undefined;
  const openapi = (): object => (document ??= openApiDocument(routes, o.identity.version));
  const activity = o.activity ? { activity: o.activity } : {};
  const heartbeatMs = o.heartbeatMs ?? (() => configuredHeartbeatMs(o.config));
  const streams = { slots: o.streamSlots ?? new StreamSlots(), heartbeatMs, now: o.now, logger: o.logger, ...activity };
  const routes: RouteSpec[] = [
    ...engineRoutes({ identity: o.identity, shutdown: o.shutdown, ...(o.engineInfo ? { engineInfo: o.engineInfo } : {}) }),
    ...docsRoutes({ openapi, metrics: o.metrics }),
    ...prepareJobRoutes({ ...streams, ...(o.prepare ? { prepare: o.prepare } : {}) }),
    ...runRoutes({ now: o.now, logger: o.logger, ...activity, ...(o.runs ? { runs: o.runs } : {}) }),
    ...cacheRoutes(o.prepare ? { prepare: o.prepare } : {}),
    ...nameRoutes({ store: o.store, now: o.now }),
    ...instanceRoutes({ store: o.store, now: o.now, ...(o.deletion ? { deletion: o.deletion } : {}), ...(o.instances ? { instances: o.instances } : {}) }),
    ...stateRoutes({ store: o.store, ...(o.deletion ? { deletion: o.deletion } : {}) }),
    ...configRoutes({ config: o.config, store: o.store, now: o.now }),
  ];
  const app = new Hono<HttpEnv>();
  app.use(
    '*',
    requestContext({
      newRequestId: o.newRequestId,
      observer: o.metrics,
      logger: o.logger,
      ...(o.activity ? { activity: o.activity } : {}),
    }),
  );
  app.use('*', bearerAuth({ token: o.authToken, exempt: (c) => c.req.path === '/v1/health' }));
  registerRoutes(app, routes, o.shutdown);
  app.notFound((c) => sendError(c, noRoute(c.req.method, c.req.path)));
  app.onError((err, c) => {
    o.logger.error({ err, request_id: c.get('requestId') }, 'unhandled error');
    return sendError(c, err);
  });
  return { app, routes, openapi };
}

/** The live `events.heartbeatInterval` in ms, 500 when the config cannot say. */
function configuredHeartbeatMs(config: ConfigStore): number {
  try {
    return parseDuration(config.effective().events.heartbeatInterval);
  } catch {
    return 500;
  }
}
