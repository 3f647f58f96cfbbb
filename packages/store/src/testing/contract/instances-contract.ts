import { describe, expect, it } from 'vitest';
import type { CurrentStore } from '../describe-store-contract.js';
import {
  IMAGE_KEY,
  IMAGE_REF,
  errorOf,
  fixtureInstance,
  fixtureJob,
  id32,
  id64,
  seedReadyState,
  T0,
} from '../fixtures.js';

const S1 = id64('a1');
const S2 = id64('a2');
const I1 = id32('c1');
const I2 = id32('c2');
const I3 = id32('d3');

/** Instances: publishing, updates, port and path uniqueness, listing and deletion. */
export function instancesContract(store: CurrentStore): void {
  describe('instances', () => {
    it('publishes an instance with its audit row and shows its image and no name', () => {
      seedReadyState(store(), S1);
      store().insertJob(fixtureJob(id32('10')));
      const input = fixtureInstance(I1, S1, { jobId: id32('10'), expiresAt: T0 + 3_600_000 });
      const expected = {
        ...input,
        lastResetAt: null,
        resetCount: 0,
        lastConnections: null,
        connectionsAt: null,
        lastActivityAt: null,
        name: null,
        imageId: IMAGE_REF,
      };
      const created = store().insertInstance(input, [{ ts: T0, actor: 'api', action: 'instance.created', objectId: I1, jobId: id32('10') }]);
      expect(created).toEqual(expected);
      expect(store().getInstance(I1)).toEqual(expected);
      expect(store().getInstance(I2)).toBeUndefined();
      expect(store().listAudit()).toEqual([
        { id: expect.any(Number), ts: T0, actor: 'api', action: 'instance.created', objectKind: 'instance', objectId: I1, jobId: id32('10'), details: null },
      ]);
    });

    it('shows the image key as image id when the image is unknown', () => {
      store().insertInstance(fixtureInstance(I1, S1, { imageKey: 'process:sha256:9' }));
      expect(store().getInstance(I1)?.imageId).toBe('process:sha256:9');
    });

    it('refuses a taken id, directory or active port, and an unknown job, writing nothing', () => {
      store().insertInstance(fixtureInstance(I1, S1, { port: 50_000 }));
      const audit = [{ ts: T0, actor: 'api' as const, action: 'instance.created' as const, objectId: I2 }];
      expect(errorOf(() => store().insertInstance(fixtureInstance(I1, S1, { port: 50_001, relDir: 'x' }), audit))).toEqual({
        code: 'conflict',
        message: 'instance already exists',
        details: I1,
      });
      expect(errorOf(() => store().insertInstance(fixtureInstance(I2, S1, { port: 50_001, relDir: `instances/${I1}` }), audit))).toEqual({
        code: 'conflict',
        message: 'instance directory is already taken',
        details: `instances/${I1}`,
      });
      expect(errorOf(() => store().insertInstance(fixtureInstance(I2, S1, { port: 50_000 }), audit))).toEqual({
        code: 'conflict',
        message: 'port is already taken',
        details: '50000',
      });
      expect(errorOf(() => store().insertInstance(fixtureInstance(I2, S1, { port: 50_001, jobId: id32('99') }), audit))).toEqual({
        code: 'conflict',
        message: 'referenced job does not exist',
        details: id32('99'),
      });
      expect(store().listInstances().map((i) => i.instanceId)).toEqual([I1]);
      expect(store().listAudit()).toEqual([]);
    });

    it('lets stopped and expired instances share a port with an active one', () => {
      store().insertInstance(fixtureInstance(I1, S1, { port: 50_000, status: 'stopped' }));
      store().insertInstance(fixtureInstance(I2, S1, { port: 50_000, status: 'expired' }));
      store().insertInstance(fixtureInstance(I3, S1, { port: 50_000 }));
      expect(errorOf(() => store().updateInstance(I1, { status: 'active' }))).toEqual({ code: 'conflict', message: 'port is already taken', details: '50000' });
      expect(store().updateInstance(I1, { status: 'active', port: 50_001 })).toMatchObject({ status: 'active', port: 50_001 });
    });

    it('updates only the fields given and writes the audit row with the change', () => {
      store().insertInstance(fixtureInstance(I1, S1));
      const before = store().getInstance(I1);
      const updated = store().updateInstance(
        I1,
        { lastResetAt: T0 + 10, resetCount: 1, runtimeId: 'container-new', startedAt: T0 + 10, expiresAt: undefined },
        [{ ts: T0 + 10, actor: 'api', action: 'instance.reset', objectId: I1 }],
      );
      expect(updated).toEqual({ ...before, lastResetAt: T0 + 10, resetCount: 1, runtimeId: 'container-new', startedAt: T0 + 10 });
      expect(store().getInstance(I1)).toEqual(updated);
      expect(store().listAudit().map((a) => a.action)).toEqual(['instance.reset']);
      expect(errorOf(() => store().updateInstance(I2, { status: 'stopped' }))).toEqual({ code: 'not_found', message: 'instance not found', details: I2 });
    });

    it('clears nullable fields when given null', () => {
      store().insertInstance(fixtureInstance(I1, S1, { expiresAt: T0 + 5 }));
      expect(store().updateInstance(I1, { expiresAt: null, runtimeId: null, port: null, status: 'stopped', statusReason: 'runtime_gone' })).toMatchObject({
        expiresAt: null,
        runtimeId: null,
        port: null,
        status: 'stopped',
        statusReason: 'runtime_gone',
      });
    });

    it('lists by creation time, then id, and filters by prefix, state, image and status', () => {
      store().insertInstance(fixtureInstance(I3, S2, { createdAt: T0, port: 1 }));
      store().insertInstance(fixtureInstance(I2, S1, { createdAt: T0 + 1, port: 2, status: 'expired' }));
      store().insertInstance(fixtureInstance(I1, S1, { createdAt: T0 + 1, port: 3, imageKey: 'process:sha256:9' }));
      const ids = (filter?: Parameters<ReturnType<CurrentStore>['listInstances']>[0]) =>
        store().listInstances(filter).map((i) => i.instanceId);
      expect(ids()).toEqual([I3, I1, I2]);
      expect(ids({ idPrefix: 'c' })).toEqual([I1, I2]);
      expect(ids({ state: S1 })).toEqual([I1, I2]);
      expect(ids({ image: IMAGE_KEY })).toEqual([I3, I2]);
      expect(ids({ image: 'process:sha256:9', state: S1 })).toEqual([I1]);
      expect(ids({ statuses: ['active', 'stopped', 'failed'] })).toEqual([I3, I1]);
      expect(store().listInstances({ idPrefix: I1 })).toEqual([store().getInstance(I1)]);
    });

    it('deletes instances with their names and audit rows in one call', () => {
      seedReadyState(store(), S1);
      store().insertInstance(fixtureInstance(I1, S1, { port: 1 }));
      store().insertInstance(fixtureInstance(I2, S1, { port: 2 }));
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().deleteInstances([I1, I2], [
        { ts: T0 + 1, actor: 'api', action: 'instance.deleted', objectId: I1 },
        { ts: T0 + 1, actor: 'api', action: 'name.removed', objectId: 'dev' },
        { ts: T0 + 1, actor: 'api', action: 'instance.deleted', objectId: I2 },
      ]);
      expect(store().listInstances()).toEqual([]);
      expect(store().getName('dev')).toBeUndefined();
      expect(store().listAudit().map((a) => [a.action, a.objectKind, a.objectId])).toEqual([
        ['instance.deleted', 'instance', I1],
        ['name.removed', 'name', 'dev'],
        ['instance.deleted', 'instance', I2],
      ]);
    });

    it('refuses to delete an unknown instance and keeps the others', () => {
      store().insertInstance(fixtureInstance(I1, S1));
      expect(errorOf(() => store().deleteInstances([I1, I2]))).toEqual({ code: 'not_found', message: 'instance not found', details: I2 });
      expect(store().getInstance(I1)?.instanceId).toBe(I1);
    });
  });
}
