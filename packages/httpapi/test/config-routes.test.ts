// Config routes of api.md §8, with audit rows written through the store.
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

const patch = (h: ReturnType<typeof harness>, body: unknown) => h.request('PATCH', '/v1/config', { body: JSON.stringify(body) });

describe('config routes', () => {
  it('starts with no overrides and reads effective defaults', async () => {
    const h = harness();
    expect(await (await h.request('GET', '/v1/config')).json()).toEqual({});
    const min = await h.request('GET', '/v1/config?path=cache.capacity.minStateAge&effective=true');
    expect(await min.json()).toEqual({ path: 'cache.capacity.minStateAge', value: '10m' });
    const unset = await h.request('GET', '/v1/config?path=cache.capacity.minStateAge');
    expect(unset.status).toBe(404);
    expect(await unset.json()).toEqual({
      code: 'not_found',
      message: 'path not found',
      details: '"cache.capacity.minStateAge" has no value; GET /v1/config?effective=true lists every key',
    });
  });

  it('sets, reads back and deletes a value, auditing each change', async () => {
    const h = harness();
    const set = await patch(h, { path: 'snapshot.backend', value: 'copy' });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ path: 'snapshot.backend', value: 'copy', restart_required: true });
    expect(await (await h.request('GET', '/v1/config')).json()).toEqual({ snapshot: { backend: 'copy' } });
    const del = await h.request('DELETE', '/v1/config?path=snapshot.backend');
    expect(await del.json()).toEqual({ path: 'snapshot.backend', value: 'auto', restart_required: true });
    expect((await h.request('DELETE', '/v1/config?path=snapshot.backend')).status).toBe(404);
    expect(h.store.listAudit({ action: 'config.changed' }).map((a) => [a.actor, a.objectId, a.details])).toEqual([
      ['api', 'snapshot.backend', { change: 'set', value: 'copy' }],
      ['api', 'snapshot.backend', { change: 'delete', value: 'auto' }],
    ]);
  });

  it.each([
    [{ path: 'snapshot.backend', value: 'overlay' }, 'invalid config value'],
    [{ path: 'warmPool.enabled', value: true }, 'invalid config value'],
    [{ path: 'a..b', value: 1 }, 'invalid path'],
    [{ value: 1 }, 'path is required'],
    [{ path: '  ', value: 1 }, 'path is required'],
    [{ path: 'cache.capacity.lowWatermark', value: 0.95 }, 'invalid config value'],
  ])('rejects %j with 400 %s and changes nothing', async (body, message) => {
    const h = harness();
    const res = await patch(h, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(message);
    expect(await (await h.request('GET', '/v1/config')).json()).toEqual({});
    expect(h.store.listAudit()).toEqual([]);
  });

  it('requires a path on DELETE and validates effective', async () => {
    const h = harness();
    const res = await h.request('DELETE', '/v1/config');
    expect(await res.json()).toEqual({
      code: 'invalid_argument',
      message: 'path is required',
      issues: [{ path: 'path', message: 'path is required' }],
    });
    expect((await h.request('GET', '/v1/config?effective=maybe')).status).toBe(400);
  });

  it('serves the config JSON Schema (2020-12)', async () => {
    const schema = (await (await harness().request('GET', '/v1/config/schema')).json()) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties as object).sort()).toEqual(
      ['build', 'cache', 'events', 'instances', 'liquibase', 'log', 'orchestrator', 'prepare', 'runtime', 'snapshot'].sort(),
    );
  });
});
