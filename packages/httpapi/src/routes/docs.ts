import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import { json } from './common.js';

/** Renders the Prometheus registry (telemetry's `Metrics`). */
export interface MetricsSource {
  render(): Promise<{ contentType: string; body: string }>;
}

/** `GET /v1/openapi.json` and `GET /metrics` (api.md §3.3, §3.4). */
export function docsRoutes(o: { openapi: () => object; metrics: MetricsSource }): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/v1/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document.',
      ext: true,
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
      handler: () => json(o.openapi()),
    }),
    route({
      method: 'GET',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics in text format.',
      ext: true,
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
      handler: async () => {
        const rendered = await o.metrics.render();
        return new Response(rendered.body, { status: 200, headers: { 'Content-Type': rendered.contentType } });
      },
    }),
  ];
}
