// States, instances and names over the in-memory store (api.md §5).
import { describe, expect, it } from 'vitest';
import { IMAGE_REF, fixtureInstance, fixtureJob, id32, id64, seedReadyState } from '@sqlrs/store/testing';
import { harness } from './harness.js';

const S1 = id64('a1');
const S2 = id64('a2');
const S3 = id64('b3');
const I1 = id32('c1');
const I2 = id32('c2');

function seeded() {
  const h = harness();
  seedReadyState(h.store, S2, { createdAt: 2000 });
  seedReadyState(h.store, S1, { createdAt: 1000 });
  seedReadyState(h.store, S3, { createdAt: 2000, parentStateId: S1, prepareKind: 'lb' });
  h.store.insertInstance(fixtureInstance(I1, S1, { createdAt: 5000, port: 55432, password: 'p/w+1' }));
  h.store.insertInstance(fixtureInstance(I2, S3, { createdAt: 6000, port: 55433 }));
  h.store.insertJob(fixtureJob(id32('d1')));
  h.store.insertJob(fixtureJob(id32('d2')));
  h.store.reserveName('dev', { jobId: id32('d1'), rebind: false, at: 7000 });
  h.store.bindName('dev', { instanceId: I1, at: 7000 });
  return h;
}

const ids = async (res: Response, key: string): Promise<string[]> =>
  ((await res.json()) as Record<string, string>[]).map((e) => e[key] as string);

describe('GET /v1/states', () => {
  it('lists by created_at then id, with the StateEntry shape', async () => {
    const h = seeded();
    const res = await h.request('GET', '/v1/states');
    const body = (await res.json()) as Record<string, unknown>[];
    expect(body.map((s) => s.state_id)).toEqual([S1, S2, S3]);
    expect(body[0]).toEqual({
      state_id: S1,
      parent_state_id: null,
      image_id: IMAGE_REF,
      prepare_kind: 'psql',
      prepare_args_normalized: expect.any(String),
      created_at: '1970-01-01T00:00:01.000Z',
      size_bytes: 41_943_040,
      last_used_at: null,
      use_count: 0,
      refcount: 1,
      status: 'ready',
      min_retention_until: expect.any(String),
    });
  });

  it('filters by id_prefix (any case), kind and image', async () => {
    const h = seeded();
    expect(await ids(await h.request('GET', `/v1/states?id_prefix=${S1.slice(0, 8).toUpperCase()}`), 'state_id')).toEqual([S1]);
    expect(await ids(await h.request('GET', '/v1/states?kind=lb'), 'state_id')).toEqual([S3]);
    expect(await ids(await h.request('GET', `/v1/states?image=${encodeURIComponent(IMAGE_REF)}`), 'state_id')).toHaveLength(3);
    expect(await ids(await h.request('GET', '/v1/states?image=other'), 'state_id')).toEqual([]);
    expect(await ids(await h.request('GET', '/v1/states?id_prefix=%20%20&kind='), 'state_id')).toHaveLength(3);
  });

  it('streams NDJSON when asked', async () => {
    const h = seeded();
    const res = await h.request('GET', '/v1/states', { headers: { Accept: 'text/plain, Application/X-NDJSON' } });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => (JSON.parse(l) as { state_id: string }).state_id)).toEqual([S1, S2, S3]);
  });

  it('answers an empty store with [] or an empty NDJSON body', async () => {
    const h = harness();
    expect(await (await h.request('GET', '/v1/states')).json()).toEqual([]);
    expect(await (await h.request('GET', '/v1/states', { headers: { Accept: 'application/x-ndjson' } })).text()).toBe('');
  });

  it.each([
    ['id_prefix=abc', 'invalid id_prefix'],
    ['id_prefix=zzzzzzzz', 'invalid id_prefix'],
    [`id_prefix=${'a'.repeat(65)}`, 'invalid id_prefix'],
    ['kind=sql', 'invalid kind'],
  ])('rejects %s with 400', async (query, message) => {
    const res = await seeded().request('GET', `/v1/states?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(message);
  });

  it('gets one state by exact id in any case; anything else is 404', async () => {
    const h = seeded();
    expect(((await (await h.request('GET', `/v1/states/${S1.toUpperCase()}`)).json()) as { state_id: string }).state_id).toBe(S1);
    for (const path of ['/v1/states/abc', `/v1/states/${S1.slice(0, 8)}`, `/v1/states/${id64('ff')}`]) {
      const res = await h.request('GET', path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'not_found', message: 'state not found' });
    }
  });

  it('never shows failed states', async () => {
    const h = seeded();
    h.store.insertState({ ...h.store.getState(S1)!, stateId: id64('fa'), relPath: 'x/fa', createdAt: 9000 });
    h.store.markStateFailed(id64('fa'), '{"code":"internal_error"}');
    expect(await ids(await h.request('GET', '/v1/states'), 'state_id')).toEqual([S1, S2, S3]);
    expect((await h.request('GET', `/v1/states/${id64('fa')}`)).status).toBe(404);
  });
});

describe('instances', () => {
  it('lists instances with a DSN rendered at read time', async () => {
    const h = seeded();
    const body = (await (await h.request('GET', '/v1/instances')).json()) as Record<string, unknown>[];
    expect(body.map((i) => i.instance_id)).toEqual([I1, I2]);
    expect(body[0]).toMatchObject({
      instance_id: I1,
      name: 'dev',
      state_id: S1,
      status: 'active',
      dsn: 'postgres://sqlrs:p%2Fw%2B1@127.0.0.1:55432/postgres',
      host: '127.0.0.1',
      port: 55432,
      database: 'postgres',
      user: 'sqlrs',
      reset_count: 0,
      connections: null,
    });
  });

  it('filters by id_prefix and state, and validates them', async () => {
    const h = seeded();
    expect(await ids(await h.request('GET', `/v1/instances?state=${S3}`), 'instance_id')).toEqual([I2]);
    expect(await ids(await h.request('GET', `/v1/instances?id_prefix=${I1.slice(0, 8)}`), 'instance_id')).toEqual([I1]);
    expect((await h.request('GET', '/v1/instances?state=nothex')).status).toBe(400);
    expect((await h.request('GET', `/v1/instances?id_prefix=${'a'.repeat(33)}`)).status).toBe(400);
  });

  it('serves an instance by id and redirects a name, keeping sub-path and query', async () => {
    const h = seeded();
    expect((await h.request('GET', `/v1/instances/${I1}`)).status).toBe(200);
    const byName = await h.request('GET', '/v1/instances/dev');
    expect({ status: byName.status, location: byName.headers.get('location'), body: await byName.text() }).toEqual({
      status: 307,
      location: `/v1/instances/${I1}`,
      body: '',
    });
    const reset = await h.request('POST', '/v1/instances/dev/reset?force=true', { body: '{}' });
    expect({ status: reset.status, location: reset.headers.get('location') }).toEqual({
      status: 307,
      location: `/v1/instances/${I1}/reset?force=true`,
    });
    const del = await h.request('DELETE', '/v1/instances/dev?dry_run=1');
    expect(del.headers.get('location')).toBe(`/v1/instances/${I1}?dry_run=1`);
  });

  it('answers unknown ids, unbound names and prefixes with 404', async () => {
    const h = seeded();
    for (const ref of [id32('ee'), 'prod', I1.slice(0, 8), 'DEV']) {
      const res = await h.request('GET', `/v1/instances/${ref}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'not_found', message: 'instance not found' });
    }
  });
});

describe('names', () => {
  it('lists bound names and gets one, bumping last_used_at', async () => {
    const h = seeded();
    h.store.reserveName('reserved-only', { jobId: id32('d2'), rebind: false, at: 8000 });
    const list = (await (await h.request('GET', '/v1/names')).json()) as Record<string, unknown>[];
    expect(list).toEqual([
      {
        name: 'dev',
        instance_id: I1,
        state_id: S1,
        image_id: IMAGE_REF,
        state_fingerprint: S1,
        status: 'active',
        created_at: expect.any(String),
        last_used_at: expect.toSatisfy((v: unknown) => v === null || typeof v === 'string'),
      },
    ]);
    const one = (await (await h.request('GET', '/v1/names/dev')).json()) as { last_used_at: string };
    expect(one.last_used_at).toBe('2025-06-01T09:30:00.125Z');
    expect(h.store.getName('dev')?.lastUsedAt).toBe(Date.parse('2025-06-01T09:30:00.125Z'));
  });

  it('filters by instance and state; 404 for unknown, reserved-only or invalid names', async () => {
    const h = seeded();
    h.store.reserveName('pending', { jobId: id32('d2'), rebind: false, at: 8000 });
    expect(await ids(await h.request('GET', `/v1/names?instance=${I2}`), 'name')).toEqual([]);
    expect(await ids(await h.request('GET', `/v1/names?state=${S1}`), 'name')).toEqual(['dev']);
    expect((await h.request('GET', '/v1/names?instance=xyz')).status).toBe(400);
    for (const name of ['gone', 'pending', 'DEV', 'deadbeef']) {
      const res = await h.request('GET', `/v1/names/${name}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'not_found', message: 'name not found' });
    }
  });
});
