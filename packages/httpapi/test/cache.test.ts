// Cache explain over a fake PrepareService (api.md §7.2); cache status is later work.
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';
import { EXPLAIN, FakePrepare } from './service-fakes.js';

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
