import { describe, expect, it } from 'vitest';
import type { ConnCount } from '@sqlrs/conntrack';
import type { Snapshotter } from '@sqlrs/snapshot';
import { StoreLayout } from '@sqlrs/statefs';
import type { InstanceRecord, Store } from '@sqlrs/store';
import { T0, createMemoryStore, fixtureInstance, fixtureJob, id32, id64, seedReadyState } from '@sqlrs/store/testing';
import { createDeletionService } from '../src/index.js';
import type { DeletionService } from '../src/index.js';

const ROOT = '/store';
const S1 = id64('51');
const S2 = id64('52');
const S3 = id64('53');
const I1 = id32('a1');
const I2 = id32('a2');

interface World {
  store: Store;
  service: DeletionService;
  counts: Map<string, ConnCount>;
  destroyed: string[];
  locked: Set<string>;
}

/** A memory store with S1 → S2 → S3, I1 on S2 and I2 on S3, and fakes of the instance service and snapshotter. */
function world(o: { stateLocks?: boolean } = {}): World {
  const store = createMemoryStore({ storeId: 'f'.repeat(32) });
  seedReadyState(store, S1);
  seedReadyState(store, S2, { parentStateId: S1, createdAt: T0 + 1 });
  seedReadyState(store, S3, { parentStateId: S2, createdAt: T0 + 2 });
  store.insertInstance(fixtureInstance(I1, S2, { port: 15432 }));
  store.insertInstance(fixtureInstance(I2, S3, { port: 15433, createdAt: T0 + 5 }));
  store.bindName('dev', { instanceId: I2, at: T0 + 6 });
  const counts = new Map<string, ConnCount>();
  const destroyed: string[] = [];
  const locked = new Set<string>();
  const snapshotter = { destroy: async (path: string) => void destroyed.push(path) } as unknown as Snapshotter;
  const service = createDeletionService({
    store,
    layout: new StoreLayout(ROOT),
    snapshotter,
    instances: {
      conntrack: { count: async (id) => counts.get(id) ?? { state: 'known', clients: 0 } },
      tryLock: (ids) => {
        if (ids.some((id) => locked.has(id))) return undefined;
        return () => undefined;
      },
      destroy: async (instance: InstanceRecord) => void destroyed.push(`instance:${instance.instanceId}`),
    },
    ...(o.stateLocks === false ? { stateGuard: { tryLockExclusive: () => undefined } } : {}),
    logger: { info: () => undefined, warn: () => undefined },
    now: () => T0 + 100,
  });
  return { store, service, counts, destroyed, locked };
}

const node = (kind: 'instance' | 'state', id: string, extra: object = {}) => ({
  kind,
  id,
  connections: kind === 'instance' ? 0 : null,
  runtime_id: kind === 'instance' ? `container-${id.slice(0, 8)}` : null,
  blocked: null,
  children: [],
  ...extra,
});

describe('instance deletes', () => {
  it('blocks an instance with sessions (409), reports dry runs with 200 and changes nothing', async () => {
    const w = world();
    w.counts.set(I1, { state: 'known', clients: 2 });
    const blocked = { dry_run: false, outcome: 'blocked', root: node('instance', I1, { connections: 2, blocked: 'active_connections' }) };
    expect(await w.service.deleteInstance(I1, { force: false, dryRun: false })).toEqual({ httpStatus: 409, result: blocked });
    expect(await w.service.deleteInstance(I1, { force: false, dryRun: true })).toEqual({ httpStatus: 200, result: { ...blocked, dry_run: true } });
    expect(await w.service.deleteInstance(I1, { force: true, dryRun: true })).toEqual({
      httpStatus: 200,
      result: { dry_run: true, outcome: 'would_delete', root: node('instance', I1, { connections: 2 }) },
    });
    expect(w.store.getInstance(I1)).toBeDefined();
    expect(w.destroyed).toEqual([]);
  });

  it('an unreadable count blocks as active_connections with connections null', async () => {
    const w = world();
    w.counts.set(I1, { state: 'unknown', reason: 'timeout' });
    const answer = await w.service.deleteInstance(I1, { force: false, dryRun: false });
    expect(answer.result.root).toEqual(node('instance', I1, { connections: null, blocked: 'active_connections' }));
  });

  it('force deletes the row, its name and writes audit rows, then removes the data; a second delete is 404', async () => {
    const w = world();
    w.counts.set(I2, { state: 'known', clients: 1 });
    const answer = await w.service.deleteInstance(I2, { force: true, dryRun: false });
    expect(answer).toEqual({ httpStatus: 200, result: { dry_run: false, outcome: 'deleted', root: node('instance', I2, { connections: 1, runtime_id: `container-${I2.slice(0, 8)}` }) } });
    expect(w.store.getInstance(I2)).toBeUndefined();
    expect(w.store.getName('dev')).toBeUndefined();
    expect(w.store.listAudit().map((a) => [a.action, a.objectId])).toEqual([
      ['instance.deleted', I2],
      ['name.removed', 'dev'],
    ]);
    expect(w.destroyed).toEqual([`instance:${I2}`]);
    await expect(w.service.deleteInstance(I2, { force: false, dryRun: false })).rejects.toMatchObject({ code: 'not_found', message: 'instance not found' });
  });

  it('refuses with conflict while a reset or expiry holds the instance', async () => {
    const w = world();
    w.locked.add(I1);
    await expect(w.service.deleteInstance(I1, { force: false, dryRun: false })).rejects.toMatchObject({ code: 'conflict' });
    expect(w.store.getInstance(I1)).toBeDefined();
  });
});

describe('state deletes', () => {
  it('without recurse a state with descendants is has_descendants, force does not override, no children listed', async () => {
    const w = world();
    const answer = await w.service.deleteState(S1, { recurse: false, force: true, dryRun: false });
    expect(answer).toEqual({ httpStatus: 409, result: { dry_run: false, outcome: 'blocked', root: node('state', S1, { blocked: 'has_descendants' }) } });
  });

  it('recurse lists the subtree (instances first) and blocks every ancestor of a connected instance; nothing is deleted', async () => {
    const w = world();
    w.counts.set(I2, { state: 'known', clients: 2 });
    const answer = await w.service.deleteState(S1, { recurse: true, force: false, dryRun: false });
    expect(answer).toEqual({
      httpStatus: 409,
      result: {
        dry_run: false,
        outcome: 'blocked',
        root: node('state', S1, {
          blocked: 'blocked_by_descendant',
          children: [
            node('state', S2, {
              blocked: 'blocked_by_descendant',
              children: [
                node('instance', I1),
                node('state', S3, { blocked: 'blocked_by_descendant', children: [node('instance', I2, { connections: 2, blocked: 'active_connections' })] }),
              ],
            }),
          ],
        }),
      },
    });
    expect(w.store.listStates().map((s) => s.stateId)).toEqual([S1, S2, S3]);
    expect(w.store.listInstances().map((i) => i.instanceId)).toEqual([I1, I2]);
    expect(w.destroyed).toEqual([]);
  });

  it('recurse with force deletes every row in one go and removes data bottom-up', async () => {
    const w = world();
    w.counts.set(I2, { state: 'known', clients: 2 });
    const answer = await w.service.deleteState(S1, { recurse: true, force: true, dryRun: false });
    expect(answer.httpStatus).toBe(200);
    expect(answer.result.outcome).toBe('deleted');
    expect(w.store.listStates()).toEqual([]);
    expect(w.store.listInstances()).toEqual([]);
    const dir = (id: string) => `${ROOT}/engines/postgres/pg15-bbbbbbbbbbbbbbbb/states/${id}`;
    expect(w.destroyed).toEqual([`instance:${I1}`, `instance:${I2}`, dir(S3), dir(S2), dir(S1)]);
    expect(w.store.listAudit({ action: 'state.deleted' }).map((a) => a.objectId)).toEqual([S3, S2, S1]);
  });

  it('a state used by a running job is active_tasks even with force, and blocks its ancestors', async () => {
    const w = world();
    const job = id32('b1');
    w.store.insertJob(fixtureJob(job));
    w.store.updateJob(job, { status: 'running', finalStateId: S3 });
    const answer = await w.service.deleteState(S2, { recurse: true, force: true, dryRun: true });
    expect(answer.httpStatus).toBe(200);
    expect(answer.result.outcome).toBe('blocked');
    expect(answer.result.root.blocked).toBe('blocked_by_descendant');
    expect(answer.result.root.children.map((c) => [c.id, c.blocked])).toEqual([
      [I1, null],
      [S3, 'active_tasks'],
    ]);
    const alone = await w.service.deleteState(S3, { recurse: false, force: true, dryRun: false });
    expect(alone.result.root.blocked).toBe('active_tasks');
  });

  it('a leaf state deletes with its expired tombstones; unknown ids are 404', async () => {
    const w = world();
    w.store.updateInstance(I2, { status: 'expired', runtimeId: null });
    const answer = await w.service.deleteState(S3, { recurse: false, force: false, dryRun: false });
    expect(answer.result).toEqual({ dry_run: false, outcome: 'deleted', root: node('state', S3) });
    expect(w.store.getInstance(I2)).toBeUndefined();
    await expect(w.service.deleteState(S3, { recurse: false, force: false, dryRun: false })).rejects.toMatchObject({ code: 'not_found', message: 'state not found' });
  });

  it('a state lock held by a build is a conflict and nothing changes', async () => {
    const w = world({ stateLocks: false });
    await expect(w.service.deleteState(S3, { recurse: true, force: true, dryRun: false })).rejects.toMatchObject({ code: 'conflict' });
    expect(w.store.getState(S3)).toBeDefined();
  });
});
