import { EngineInfo, ErrorResponse, HealthResponse, ShutdownAccepted, ShutdownRequest } from '@sqlrs/contract';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import { notImplemented } from '../not-implemented.js';
import { json } from './common.js';

/** The engine process's identity, as health and engine.json show it. */
export interface EngineIdentity {
  version: string;
  instanceId: string;
  pid: number;
  startedAt: string;
}

/** Starts and reports shutdown (api.md §3.2); owned by the engine process. */
export interface ShutdownControl {
  isShuttingDown(): boolean;
  request(options: { drain: boolean; timeoutSeconds: number }): ShutdownAccepted;
}

/** Supplies `GET /v1/engine` from the probes the engine resolved at startup (architecture.md). */
export interface EngineInfoSource {
  engineInfo(): Promise<EngineInfo>;
}

/** Default drain timeout of a shutdown request (api.md §3.2). */
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

/** `GET /v1/health`, `GET /v1/engine`, `POST /v1/engine/shutdown` (api.md §3.1, §3.2, §3.5). */
export function engineRoutes(o: {
  identity: EngineIdentity;
  shutdown: ShutdownControl;
  engineInfo?: EngineInfoSource;
}): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/v1/health',
      operationId: 'getHealth',
      summary: 'Cheap identity probe; needs no token.',
      auth: false,
      responses: {
        200: { description: 'the engine is up', schema: HealthResponse },
        503: { description: 'shutting down (ok: false)', schema: HealthResponse },
      },
      handler: () => {
        const shuttingDown = o.shutdown.isShuttingDown();
        return json({ ok: !shuttingDown, ...o.identity }, shuttingDown ? 503 : 200);
      },
    }),
    route({
      method: 'GET',
      path: '/v1/engine',
      operationId: 'getEngine',
      summary: 'The engine identity and the parts it resolved at startup.',
      ext: true,
      responses: { 200: { description: 'engine info', schema: EngineInfo } },
      handler: async () => {
        if (o.engineInfo === undefined) throw notImplemented('GET', '/v1/engine');
        return json(await o.engineInfo.engineInfo());
      },
    }),
    route({
      method: 'POST',
      path: '/v1/engine/shutdown',
      operationId: 'shutdownEngine',
      summary: 'Shut the engine down, optionally draining running work first.',
      ext: true,
      body: { schema: ShutdownRequest, optional: true },
      responses: {
        202: { description: 'shutdown started', schema: ShutdownAccepted },
        400: { description: 'invalid body', schema: ErrorResponse },
      },
      handler: (_c, body) => {
        const request = body as ShutdownRequest;
        const accepted = o.shutdown.request({
          drain: request.drain ?? false,
          timeoutSeconds: request.timeout_seconds ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
        });
        return json(accepted, 202);
      },
    }),
  ];
}
