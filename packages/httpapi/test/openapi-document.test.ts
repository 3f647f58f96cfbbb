// The served OpenAPI document (api.md §3.3): generated, byte-stable, paths exactly those of §2.
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

/** Every route of api.md §2, as method + OpenAPI path. */
const API_MD_ROUTES = [
  'GET /v1/health',
  'GET /v1/engine',
  'POST /v1/engine/shutdown',
  'GET /v1/openapi.json',
  'GET /metrics',
  'POST /v1/prepare-jobs',
  'GET /v1/prepare-jobs',
  'GET /v1/prepare-jobs/{job_id}',
  'DELETE /v1/prepare-jobs/{job_id}',
  'POST /v1/prepare-jobs/{job_id}/cancel',
  'GET /v1/prepare-jobs/{job_id}/events',
  'GET /v1/tasks',
  'GET /v1/names',
  'GET /v1/names/{name}',
  'GET /v1/instances',
  'GET /v1/instances/{id_or_name}',
  'DELETE /v1/instances/{id_or_name}',
  'POST /v1/instances/{id_or_name}/reset',
  'GET /v1/states',
  'GET /v1/states/{state_id}',
  'DELETE /v1/states/{state_id}',
  'POST /v1/runs',
  'GET /v1/cache/status',
  'POST /v1/cache/explain/prepare',
  'GET /v1/config',
  'PATCH /v1/config',
  'DELETE /v1/config',
  'GET /v1/config/schema',
];

describe('GET /v1/openapi.json', () => {
  it('documents exactly the routes of api.md §2', async () => {
    const doc = (await (await harness().request('GET', '/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual([...API_MD_ROUTES].sort());
  });

  it('is OpenAPI 3.1 with the engine version, bearer auth, health exempt and ext markers', async () => {
    const doc = (await (await harness().request('GET', '/v1/openapi.json')).json()) as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'sqlrs engine', version: '0.1.0' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/health'].get.security).toEqual([]);
    expect(doc.paths['/v1/engine/shutdown'].post['x-sqlrs-extension']).toBe(true);
    expect(doc.paths['/v1/states'].get.responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/StateEntry' },
    });
    expect(Object.keys(doc.components.schemas)).toContain('PrepareJobRequest');
  });

  it('is byte-stable: keys sorted, identical across builds of the app', async () => {
    const a = await (await harness().request('GET', '/v1/openapi.json')).text();
    const b = await (await harness().request('GET', '/v1/openapi.json')).text();
    expect(a).toBe(b);
    const doc = JSON.parse(a) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([...Object.keys(doc)].sort());
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with route templates, never raw paths', async () => {
    const h = harness();
    await h.request('GET', '/v1/states/abc');
    await h.request('GET', '/v1/nope');
    const res = await h.request('GET', '/metrics', { headers: { Accept: 'application/json' } });
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('sqlrs_http_requests_total{method="GET",route="/v1/states/:state_id",status="404"} 1');
    expect(text).toContain('sqlrs_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('/v1/states/abc');
    expect(text).toContain('# TYPE sqlrs_prepare_steps_total counter');
  });
});
