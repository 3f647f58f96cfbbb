import { CacheExplainPrepareRequest, CacheExplainPrepareResponse, CacheStatus, ErrorResponse } from '@sqlrs/contract';
import { available } from '../not-implemented.js';
import { LARGE_BODY_LIMIT } from '../read-body.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import type { PrepareService } from '../services.js';
import { json } from './common.js';

/** `GET /v1/cache/status` and `POST /v1/cache/explain/prepare` (api.md §7); 503 without the prepare service. */
export function cacheRoutes(o: { prepare?: PrepareService }): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/v1/cache/status',
      operationId: 'getCacheStatus',
      summary: 'Cache usage, limits and pressure.',
      responses: {
        200: { description: 'cache status', schema: CacheStatus },
        500: { description: 'the store cannot be measured', schema: ErrorResponse },
      },
      handler: async () => json(await available(o.prepare, 'GET', '/v1/cache/status').cacheStatus()),
    }),
    route({
      method: 'POST',
      path: '/v1/cache/explain/prepare',
      operationId: 'explainPrepare',
      summary: 'Plan a prepare request without side effects and explain its cache hits.',
      body: { schema: CacheExplainPrepareRequest, limit: LARGE_BODY_LIMIT },
      responses: {
        200: { description: 'explanation', schema: CacheExplainPrepareResponse },
        400: { description: 'invalid request', schema: ErrorResponse },
      },
      handler: async (_c, body: CacheExplainPrepareRequest) =>
        json(await available(o.prepare, 'POST', '/v1/cache/explain/prepare').explain(body)),
    }),
  ];
}
