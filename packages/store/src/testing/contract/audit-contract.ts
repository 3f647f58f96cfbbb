import { describe, expect, it } from 'vitest';
import type { CurrentStore } from '../describe-store-contract.js';
import { errorOf, fixtureInstance, fixtureJob, id32, id64, seedReadyState, T0 } from '../fixtures.js';

const I1 = id32('c1');
const S1 = id64('a1');

/** Audit rows, transactions (atomicity of changes with their audit) and memos. */
export function auditContract(store: CurrentStore): void {
  describe('audit', () => {
    it('appends standalone rows and lists them in write order', () => {
      store().appendAudit([
        { ts: T0, actor: 'api', action: 'config.changed', objectId: 'cache.capacity.maxBytes', details: { old: null, new: 1_073_741_824 } },
        { ts: T0 - 5, actor: 'engine', action: 'store.recovered', objectId: 'store', details: { states_lost: 2, jobs_interrupted: [id32('1')] } },
      ]);
      const rows = store().listAudit();
      expect(rows).toEqual([
        { id: rows[0]?.id, ts: T0, actor: 'api', action: 'config.changed', objectKind: 'config', objectId: 'cache.capacity.maxBytes', jobId: null, details: { old: null, new: 1_073_741_824 } },
        { id: rows[1]?.id, ts: T0 - 5, actor: 'engine', action: 'store.recovered', objectKind: 'store', objectId: 'store', jobId: null, details: { states_lost: 2, jobs_interrupted: [id32('1')] } },
      ]);
      expect((rows[1]?.id ?? 0) > (rows[0]?.id ?? 0)).toBe(true);
    });

    it('filters by action, object kind and object id', () => {
      store().appendAudit([
        { ts: T0, actor: 'api', action: 'instance.deleted', objectId: I1 },
        { ts: T0, actor: 'api', action: 'name.removed', objectId: 'dev' },
        { ts: T0, actor: 'engine', action: 'instance.expired', objectId: id32('c2') },
      ]);
      expect(store().listAudit({ objectKind: 'instance' }).map((a) => a.action)).toEqual(['instance.deleted', 'instance.expired']);
      expect(store().listAudit({ action: 'name.removed' }).map((a) => a.objectId)).toEqual(['dev']);
      expect(store().listAudit({ objectKind: 'instance', objectId: I1 }).map((a) => a.action)).toEqual(['instance.deleted']);
    });

    it('prunes rows older than the cut-off and beyond the row limit', () => {
      store().appendAudit(Array.from({ length: 6 }, (_, i) => ({ ts: T0 + i, actor: 'engine' as const, action: 'config.changed' as const, objectId: `k${i}` })));
      expect(store().pruneAudit({ olderThan: T0 + 1, maxRows: 100 })).toBe(1);
      expect(store().pruneAudit({ olderThan: T0, maxRows: 3 })).toBe(2);
      expect(store().listAudit().map((a) => a.objectId)).toEqual(['k3', 'k4', 'k5']);
      expect(store().pruneAudit({ olderThan: T0, maxRows: 3 })).toBe(0);
    });

    it('writes no audit row when the change it records fails', () => {
      seedReadyState(store(), S1);
      expect(errorOf(() => store().markStateReady(S1, { readyAt: T0, sizeApparentBytes: 1, sizeAllocatedBytes: 1, minRetentionUntil: null }, [
        { ts: T0, actor: 'engine', action: 'state.created', objectId: S1 },
      ])).code).toBe('conflict');
      expect(errorOf(() => store().deleteJobs([id32('9')], [{ ts: T0, actor: 'api', action: 'job.deleted', objectId: id32('9') }])).code).toBe('not_found');
      expect(store().listAudit()).toEqual([]);
    });
  });

  describe('transaction', () => {
    it('returns the value of the function and keeps every change', () => {
      const result = store().transaction(() => {
        store().insertJob(fixtureJob(id32('1')));
        store().appendJobEvents(id32('1'), [{ ts: T0, type: 'status', status: 'queued' }]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(store().countJobEvents(id32('1'))).toBe(1);
    });

    it('undoes every change and audit row when the function throws', () => {
      seedReadyState(store(), S1);
      store().insertJob(fixtureJob(id32('1')));
      expect(() =>
        store().transaction(() => {
          store().updateJob(id32('1'), { status: 'succeeded', instanceId: I1 });
          store().insertInstance(fixtureInstance(I1, S1), [{ ts: T0, actor: 'engine', action: 'instance.created', objectId: I1 }]);
          store().bindName('dev', { instanceId: I1, at: T0 }, [{ ts: T0, actor: 'engine', action: 'name.bound', objectId: 'dev' }]);
          store().appendAudit([{ ts: T0, actor: 'engine', action: 'store.recovered', objectId: 'store' }]);
          throw new Error('publish failed');
        }),
      ).toThrow('publish failed');
      expect(store().getJob(id32('1'))?.status).toBe('queued');
      expect(store().getInstance(I1)).toBeUndefined();
      expect(store().getName('dev')).toBeUndefined();
      expect(store().listAudit()).toEqual([]);
      expect(store().getState(S1)?.refcount).toBe(0);
    });

    it('rolls back only a nested transaction that throws when the outer one goes on', () => {
      store().transaction(() => {
        store().insertJob(fixtureJob(id32('1')));
        expect(() =>
          store().transaction(() => {
            store().insertJob(fixtureJob(id32('2')));
            throw new Error('inner');
          }),
        ).toThrow('inner');
        store().insertJob(fixtureJob(id32('3')));
      });
      expect(store().listJobs().map((j) => j.jobId)).toEqual([id32('1'), id32('3')]);
    });
  });

  describe('memos', () => {
    it('stores, replaces and reads file hash and Liquibase plan memos', () => {
      const memo = { path: '/w/app/schema.sql', dev: 2049, ino: 1_234_567, size: 512, mtimeNs: '1700000000123456789', ctimeNs: '1700000000123456790', sha256: 'e'.repeat(64), hashedAt: T0 };
      store().putFileHashMemo(memo);
      expect(store().getFileHashMemo(memo.path)).toEqual(memo);
      store().putFileHashMemo({ ...memo, size: 600, hashedAt: T0 + 1 });
      expect(store().getFileHashMemo(memo.path)).toEqual({ ...memo, size: 600, hashedAt: T0 + 1 });
      expect(store().getFileHashMemo('/absent')).toBeUndefined();
      const plan = { memoKey: 'k'.repeat(64), planJson: '{"changesets":[]}', createdAt: T0, lastUsedAt: T0 };
      store().putLbPlanMemo(plan);
      expect(store().getLbPlanMemo(plan.memoKey)).toEqual(plan);
      expect(store().getLbPlanMemo('absent')).toBeUndefined();
    });

    it('trims each memo table to its most recently used rows', () => {
      for (let i = 0; i < 4; i += 1) {
        store().putFileHashMemo({ path: `/f${i}`, dev: 1, ino: i, size: 1, mtimeNs: '1', ctimeNs: '1', sha256: 'e'.repeat(64), hashedAt: T0 + i });
        store().putLbPlanMemo({ memoKey: `m${i}`, planJson: '{}', createdAt: T0, lastUsedAt: T0 + 10 - i });
      }
      expect(store().trimMemos(2)).toBe(4);
      expect(['/f0', '/f1', '/f2', '/f3'].map((p) => store().getFileHashMemo(p) !== undefined)).toEqual([false, false, true, true]);
      expect(['m0', 'm1', 'm2', 'm3'].map((k) => store().getLbPlanMemo(k) !== undefined)).toEqual([true, true, false, false]);
    });
  });
}
