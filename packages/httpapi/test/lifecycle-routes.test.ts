// Instance/state deletes and reset over fakes of the deletion and instance services (api.md §5.4, §5.8).
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import type { DeletionService, InstanceLifecycle } from '../src/index.js';

type DeleteAnswer = Awaited<ReturnType<DeletionService['deleteInstance']>>;
import { fixtureInstance, id32, id64, seedReadyState } from '@sqlrs/store/testing';
import { harness } from './harness.js';

const S1 = id64('a1');
const I1 = id32('c1');

const blocked: DeleteAnswer = {
  httpStatus: 409,
  result: { dry_run: false, outcome: 'blocked', root: { kind: 'instance', id: I1, connections: 2, runtime_id: 'container-c1000000', blocked: 'active_connections', children: [] } },
};

function world() {
  const calls: unknown[] = [];
  const deletion: DeletionService = {
    deleteInstance: async (id, o) => {
      calls.push(['instance', id, o]);
      return blocked;
    },
    deleteState: async (id, o) => {
      calls.push(['state', id, o]);
      return { httpStatus: 200, result: { dry_run: true, outcome: 'would_delete', root: { kind: 'state', id, connections: null, runtime_id: null, blocked: null, children: [] } } };
    },
  };
  const instances: InstanceLifecycle = {
    conntrack: { count: async () => ({ state: 'known', clients: 3 }) },
    reset: async (id, o) => {
      calls.push(['reset', id, o]);
      if (o.force !== true) throw new SqlrsError('conflict', 'instance has open connections; close them or reset with force=true', { details: 'connections=3' });
      return h.store.updateInstance(id, { resetCount: 1, lastResetAt: 1_700_000_000_000 });
    },
  };
  const h = harness({ deletion, instances });
  seedReadyState(h.store, S1);
  h.store.insertInstance(fixtureInstance(I1, S1));
  h.store.bindName('dev', { instanceId: I1, at: 1 });
  return { h, calls };
}

describe('lifecycle routes', () => {
  it('DELETE of an instance answers the DeleteResult with its status; a name redirects first', async () => {
    const { h, calls } = world();
    const res = await h.request('DELETE', `/v1/instances/${I1.toUpperCase()}?force=0`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 409, body: blocked.result });
    const byName = await h.request('DELETE', '/v1/instances/dev?dry_run=1');
    expect({ status: byName.status, location: byName.headers.get('location') }).toEqual({ status: 307, location: `/v1/instances/${I1}?dry_run=1` });
    expect(calls).toEqual([['instance', I1, { force: false, dryRun: false }]]);
    expect((await h.request('DELETE', '/v1/instances/nope')).status).toBe(404);
    expect(await (await h.request('DELETE', `/v1/instances/${I1}?force=maybe`)).json()).toMatchObject({ code: 'invalid_argument', message: 'invalid force' });
  });

  it('DELETE of a state passes recurse, force and dry_run; a malformed id is 404', async () => {
    const { h, calls } = world();
    const res = await h.request('DELETE', `/v1/states/${S1}?recurse=true&dry_run=t`);
    expect(res.status).toBe(200);
    expect(calls).toEqual([['state', S1, { recurse: true, force: false, dryRun: true }]]);
    expect(await (await h.request('DELETE', '/v1/states/abc')).json()).toEqual({ code: 'not_found', message: 'state not found' });
  });

  it('reset answers the InstanceEntry, or 409 with connections in details', async () => {
    const { h } = world();
    const conflict = await h.request('POST', `/v1/instances/${I1}/reset`);
    expect({ status: conflict.status, body: await conflict.json() }).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'instance has open connections; close them or reset with force=true', details: 'connections=3' },
    });
    const ok = await h.request('POST', `/v1/instances/${I1}/reset?force=true`, { body: '{"ttl_seconds":60}' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ instance_id: I1, reset_count: 1, name: 'dev' });
    expect((await h.request('POST', `/v1/instances/${I1}/reset`, { body: '{"ttl_seconds":-1}' })).status).toBe(400);
  });

  it('a single GET probes connections live', async () => {
    const { h } = world();
    expect(await (await h.request('GET', `/v1/instances/${I1}`)).json()).toMatchObject({ connections: 3 });
  });
});
