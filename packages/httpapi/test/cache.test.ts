// Cache status and explain over a fake PrepareService (api.md §7).
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';
import { CACHE_STATUS, EXPLAIN, FakePrepare } from './service-fakes.js';

describe('POST /v1/cache/explain/prepare', () => {
  it('answers the service explanation', async () => {
    const h = harness({ prepare: new FakePrepare() });
    const body = JSON.stringify({ prepare_kind: 'psql', image_id: 'postgres:17', psql_args: ['-c', 'select 1'], name: 'dev' });
    const res = await h.request('POST', '/v1/cache/explain/prepare', { body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(EXPLAIN);
  });

  it('validates the body first', async () => {
    const res = await harness({ prepare: new FakePrepare() }).request('POST', '/v1/cache/explain/prepare', { body: '[]' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('invalid json payload');
  });
});

describe('GET /v1/cache/status', () => {
  it('answers the service status', async () => {
    const res = await harness({ prepare: new FakePrepare() }).request('GET', '/v1/cache/status');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(CACHE_STATUS);
  });
});
