import { describe, expect, it } from 'vitest';
import type { NewAuditEvent } from '../../audit.js';
import type { CurrentStore } from '../describe-store-contract.js';
import {
  IMAGE_KEY,
  IMAGE_REF,
  errorOf,
  fixtureBase,
  fixtureImage,
  fixtureInstance,
  fixtureState,
  id32,
  id64,
  seedCatalog,
  seedReadyState,
  T0,
} from '../fixtures.js';

const S1 = id64('a1');
const S2 = id64('a2');
const S3 = id64('b3');

/** States: build lifecycle, use statistics, listing, refcount and deletion. */
export function statesContract(store: CurrentStore): void {
  describe('states', () => {
    it('writes a new state as building, with its image and no use yet', () => {
      seedCatalog(store());
      const input = fixtureState(S1);
      const expected = {
        ...input,
        status: 'building',
        errorJson: null,
        readyAt: null,
        lastUsedAt: null,
        useCount: 0,
        sizeApparentBytes: null,
        sizeAllocatedBytes: null,
        sizeExclusiveBytes: null,
        sizeMeasuredAt: null,
        minRetentionUntil: null,
        imageKey: IMAGE_KEY,
        imageId: IMAGE_REF,
        refcount: 0,
      };
      expect(store().insertState(input)).toEqual(expected);
      expect(store().getState(S1)).toEqual(expected);
      expect(store().getState(S2)).toBeUndefined();
    });

    it('flips building to ready with sizes and writes its audit row in the same call', () => {
      seedCatalog(store());
      store().insertState(fixtureState(S1));
      const audit: NewAuditEvent = {
        ts: T0 + 1_000,
        actor: 'engine',
        action: 'state.created',
        objectId: S1,
        jobId: id32('10'),
        details: { size_bytes: 41_943_040 },
      };
      const ready = store().markStateReady(
        S1,
        { readyAt: T0 + 1_000, sizeApparentBytes: 50, sizeAllocatedBytes: 4_096, minRetentionUntil: T0 + 601_000 },
        [audit],
      );
      expect(ready).toEqual({
        ...store().getState(S1),
        status: 'ready',
        readyAt: T0 + 1_000,
        sizeApparentBytes: 50,
        sizeAllocatedBytes: 4_096,
        minRetentionUntil: T0 + 601_000,
      });
      expect(store().listAudit()).toEqual([
        {
          id: expect.any(Number),
          ts: T0 + 1_000,
          actor: 'engine',
          action: 'state.created',
          objectKind: 'state',
          objectId: S1,
          jobId: id32('10'),
          details: { size_bytes: 41_943_040 },
        },
      ]);
    });

    it('refuses to build a state that is building or ready', () => {
      seedCatalog(store());
      store().insertState(fixtureState(S1));
      const conflict = { code: 'conflict', message: 'state already exists', details: S1 };
      expect(errorOf(() => store().insertState(fixtureState(S1)))).toEqual(conflict);
      store().markStateReady(S1, { readyAt: T0, sizeApparentBytes: null, sizeAllocatedBytes: null, minRetentionUntil: null });
      expect(errorOf(() => store().insertState(fixtureState(S1)))).toEqual(conflict);
    });

    it('reuses a failed row for a rebuild, keeping its creation time and uses', () => {
      seedCatalog(store());
      store().insertState(fixtureState(S1, { createdAt: T0 + 100 }));
      store().touchStates([S1], T0 + 150);
      const failed = store().markStateFailed(S1, '{"code":"internal_error","message":"psql failed"}');
      expect(failed).toMatchObject({ status: 'failed', errorJson: '{"code":"internal_error","message":"psql failed"}' });
      const rebuilt = store().insertState(fixtureState(S1, { createdAt: T0 + 200, buildJobId: null, argsSummary: '-c select 2' }));
      expect(rebuilt).toEqual({
        ...failed,
        status: 'building',
        errorJson: null,
        argsSummary: '-c select 2',
        createdAt: T0 + 100,
        lastUsedAt: T0 + 150,
        useCount: 1,
      });
    });

    it('marks a ready state missing and lets a rebuild restore it', () => {
      seedReadyState(store(), S1);
      seedReadyState(store(), S2, { parentStateId: S1, depth: 1 });
      const missing = store().markStateMissing(S1, [{ ts: T0 + 9, actor: 'engine', action: 'state.lost', objectId: S1 }]);
      expect(missing.status).toBe('missing');
      expect(store().listAudit().map((a) => a.action)).toEqual(['state.lost']);
      expect(store().insertState(fixtureState(S1)).status).toBe('building');
      expect(store().markStateReady(S1, { readyAt: T0 + 10, sizeApparentBytes: 1, sizeAllocatedBytes: 1, minRetentionUntil: null }).status).toBe('ready');
    });

    it('only changes status from the status each step expects', () => {
      seedReadyState(store(), S1);
      const ready = { readyAt: T0, sizeApparentBytes: null, sizeAllocatedBytes: null, minRetentionUntil: null };
      expect(errorOf(() => store().markStateReady(S1, ready))).toEqual({ code: 'conflict', message: 'state is ready, expected building', details: S1 });
      expect(errorOf(() => store().markStateFailed(S1, '{}'))).toEqual({ code: 'conflict', message: 'state is ready, expected building', details: S1 });
      store().markStateMissing(S1);
      expect(errorOf(() => store().markStateMissing(S1))).toEqual({ code: 'conflict', message: 'state is missing, expected ready', details: S1 });
      expect(errorOf(() => store().markStateReady(S3, ready))).toEqual({ code: 'not_found', message: 'state not found', details: S3 });
      expect(errorOf(() => store().setStateSizes(S3, { sizeExclusiveBytes: 1, sizeAllocatedBytes: 1, sizeMeasuredAt: T0 }))).toEqual({
        code: 'not_found',
        message: 'state not found',
        details: S3,
      });
    });

    it('refuses a parent, base or build job that does not exist, and a taken path', () => {
      seedCatalog(store());
      expect(errorOf(() => store().insertState(fixtureState(S2, { parentStateId: S1, depth: 1 })))).toEqual({
        code: 'conflict',
        message: 'referenced state does not exist',
        details: S1,
      });
      expect(errorOf(() => store().insertState(fixtureState(S2, { baseId: id64('ee') })))).toEqual({
        code: 'conflict',
        message: 'referenced base does not exist',
        details: id64('ee'),
      });
      expect(errorOf(() => store().insertState(fixtureState(S2, { buildJobId: id32('99') })))).toEqual({
        code: 'conflict',
        message: 'referenced job does not exist',
        details: id32('99'),
      });
      store().insertState(fixtureState(S1, { relPath: 'states/x' }));
      expect(errorOf(() => store().insertState(fixtureState(S2, { relPath: 'states/x' })))).toEqual({
        code: 'conflict',
        message: 'state path is already taken',
        details: 'states/x',
      });
      expect(store().listStates().map((s) => s.stateId)).toEqual([S1]);
    });

    it('records sizes measured later', () => {
      seedReadyState(store(), S1);
      const measured = store().setStateSizes(S1, { sizeExclusiveBytes: 1_024, sizeAllocatedBytes: 8_192, sizeMeasuredAt: T0 + 77 });
      expect(measured).toMatchObject({ sizeExclusiveBytes: 1_024, sizeAllocatedBytes: 8_192, sizeMeasuredAt: T0 + 77, sizeApparentBytes: 50_000_000 });
      expect(store().getState(S1)).toEqual(measured);
    });

    it('counts every use once per call and skips unknown ids', () => {
      seedReadyState(store(), S1);
      seedReadyState(store(), S2, { parentStateId: S1, depth: 1 });
      store().touchStates([S1, S2, S1, S3], T0 + 5_000);
      store().touchStates([S2], T0 + 6_000);
      expect(store().getState(S1)).toMatchObject({ lastUsedAt: T0 + 5_000, useCount: 1 });
      expect(store().getState(S2)).toMatchObject({ lastUsedAt: T0 + 6_000, useCount: 2 });
      expect(store().getState(S3)).toBeUndefined();
    });

    it('lists by creation time, then id, and filters by prefix, kind, image and status', () => {
      seedReadyState(store(), S3, { createdAt: T0 });
      seedReadyState(store(), S2, { createdAt: T0 + 1, prepareKind: 'lb' });
      seedReadyState(store(), S1, { createdAt: T0 + 1 });
      store().insertState(fixtureState(id64('a4'), { createdAt: T0 + 2 }));
      const ids = (filter?: Parameters<ReturnType<CurrentStore>['listStates']>[0]) =>
        store().listStates(filter).map((s) => s.stateId);
      expect(ids()).toEqual([S3, S1, S2, id64('a4')]);
      expect(ids({ idPrefix: 'a' })).toEqual([S1, S2, id64('a4')]);
      expect(ids({ idPrefix: id64('a1') })).toEqual([S1]);
      expect(ids({ kind: 'lb' })).toEqual([S2]);
      expect(ids({ image: IMAGE_REF, kind: 'psql' })).toEqual([S3, S1, id64('a4')]);
      expect(ids({ image: IMAGE_KEY, idPrefix: 'b3' })).toEqual([S3]);
      expect(ids({ image: 'postgres:17' })).toEqual([]);
      expect(ids({ statuses: ['building'] })).toEqual([id64('a4')]);
      expect(ids({ statuses: [] })).toEqual([]);
      expect(store().listStates({ idPrefix: 'a1' })).toEqual([store().getState(S1)]);
    });

    it('shows the resolved image of the base the state was built on', () => {
      store().upsertImage(fixtureImage({ imageKey: 'process:sha256:1', displayRef: 'postgres:15.8@sha256:1', runtimeKind: 'process' }));
      store().upsertBase(fixtureBase({ baseId: 'p'.repeat(64), imageKey: 'process:sha256:1', relPath: 'p/base' }));
      store().insertState(fixtureState(S1, { baseId: 'p'.repeat(64), inputId: 'process:sha256:1' }));
      expect(store().getState(S1)).toMatchObject({ imageKey: 'process:sha256:1', imageId: 'postgres:15.8@sha256:1' });
      expect(store().listStates({ image: 'process:sha256:1' }).map((s) => s.stateId)).toEqual([S1]);
    });

    it('counts non-expired instances as refcount', () => {
      seedReadyState(store(), S1);
      seedReadyState(store(), S2, { parentStateId: S1, depth: 1 });
      store().insertInstance(fixtureInstance(id32('c1'), S1, { port: 50_001 }));
      store().insertInstance(fixtureInstance(id32('c2'), S1, { port: 50_002, status: 'stopped' }));
      store().insertInstance(fixtureInstance(id32('c3'), S1, { port: 50_003, status: 'failed' }));
      store().insertInstance(fixtureInstance(id32('c4'), S1, { port: 50_004, status: 'expired' }));
      store().insertInstance(fixtureInstance(id32('c5'), S2, { port: 50_005 }));
      expect(store().listStates().map((s) => [s.stateId, s.refcount])).toEqual([
        [S1, 3],
        [S2, 1],
      ]);
      store().updateInstance(id32('c5'), { status: 'expired' });
      expect(store().getState(S2)?.refcount).toBe(0);
    });

    it('deletes a subtree children first with its expired tombstones and audit rows', () => {
      seedReadyState(store(), S1);
      seedReadyState(store(), S2, { parentStateId: S1, depth: 1 });
      store().insertInstance(fixtureInstance(id32('c1'), S2, { status: 'expired', port: null }));
      const audit: NewAuditEvent[] = [S2, S1].map((objectId) => ({ ts: T0 + 3, actor: 'api', action: 'state.deleted', objectId }));
      store().deleteStates([S1, S2], audit);
      expect(store().listStates()).toEqual([]);
      expect(store().getInstance(id32('c1'))).toBeUndefined();
      expect(store().listAudit().map((a) => [a.action, a.objectId])).toEqual([
        ['state.deleted', S2],
        ['state.deleted', S1],
      ]);
    });

    it('refuses to delete a state with a child, a live instance or an unknown id, and changes nothing', () => {
      seedReadyState(store(), S1);
      seedReadyState(store(), S2, { parentStateId: S1, depth: 1 });
      store().insertInstance(fixtureInstance(id32('c1'), S2, { status: 'stopped' }));
      const audit: NewAuditEvent[] = [{ ts: T0, actor: 'api', action: 'state.deleted', objectId: S1 }];
      expect(errorOf(() => store().deleteStates([S1], audit))).toEqual({
        code: 'conflict',
        message: 'state is still used by child states; delete those first',
        details: S1,
      });
      expect(errorOf(() => store().deleteStates([S2], audit))).toEqual({
        code: 'conflict',
        message: 'state is still used by instances; delete those first',
        details: S2,
      });
      expect(errorOf(() => store().deleteStates([S3], audit))).toEqual({ code: 'not_found', message: 'state not found', details: S3 });
      expect(store().listStates().map((s) => s.stateId)).toEqual([S1, S2]);
      expect(store().listAudit()).toEqual([]);
    });
  });
}
