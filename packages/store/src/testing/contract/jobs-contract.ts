import { describe, expect, it } from 'vitest';
import type { CurrentStore } from '../describe-store-contract.js';
import { errorOf, fixtureInstance, fixtureJob, fixtureState, id32, id64, seedCatalog, T0 } from '../fixtures.js';

const J1 = id32('9f2c01');
const J2 = id32('9f2c02');
const J3 = id32('1a');

/** Prepare jobs: submission, progress, listing filters and deletion with its cascade. */
export function jobsContract(store: CurrentStore): void {
  describe('jobs', () => {
    it('writes a submitted job as queued with nothing decided yet', () => {
      const input = fixtureJob(J1, { name: 'dev', ttlSeconds: 3_600, deadlineAt: T0 + 60_000 });
      const expected = {
        ...input,
        status: 'queued',
        imageKey: null,
        resolvedImageId: null,
        signature: null,
        finalStateId: null,
        instanceId: null,
        resultJson: null,
        errorCode: null,
        errorJson: null,
        cancelRequestedAt: null,
        startedAt: null,
        finishedAt: null,
      };
      expect(store().insertJob(input)).toEqual(expected);
      expect(store().getJob(J1)).toEqual(expected);
      expect(store().getJob(J2)).toBeUndefined();
      expect(errorOf(() => store().insertJob(input))).toEqual({ code: 'conflict', message: 'job already exists', details: J1 });
    });

    it('keeps plan_only as a boolean', () => {
      expect(store().insertJob(fixtureJob(J1, { planOnly: true })).planOnly).toBe(true);
      expect(store().getJob(J1)?.planOnly).toBe(true);
    });

    it('updates only the fields given', () => {
      store().insertJob(fixtureJob(J1));
      store().updateJob(J1, { status: 'running', startedAt: T0 + 1, imageKey: 'docker:sha256:1', resolvedImageId: 'x@sha256:1' });
      const done = store().updateJob(J1, {
        status: 'failed',
        finishedAt: T0 + 2,
        errorCode: 'interrupted',
        errorJson: '{"code":"interrupted","message":"the engine stopped while the job ran"}',
        signature: undefined,
      });
      expect(done).toEqual({
        ...fixtureJob(J1),
        status: 'failed',
        imageKey: 'docker:sha256:1',
        resolvedImageId: 'x@sha256:1',
        signature: null,
        finalStateId: null,
        instanceId: null,
        resultJson: null,
        errorCode: 'interrupted',
        errorJson: '{"code":"interrupted","message":"the engine stopped while the job ran"}',
        cancelRequestedAt: null,
        startedAt: T0 + 1,
        finishedAt: T0 + 2,
      });
      expect(store().getJob(J1)).toEqual(done);
      expect(errorOf(() => store().updateJob(J2, { status: 'running' }))).toEqual({ code: 'not_found', message: 'job not found', details: J2 });
    });

    it('lists by creation time, then id, with the job and id_prefix filters combined', () => {
      store().insertJob(fixtureJob(J2, { createdAt: T0 }));
      store().insertJob(fixtureJob(J1, { createdAt: T0 }));
      store().insertJob(fixtureJob(J3, { createdAt: T0 - 1 }));
      const ids = (filter?: Parameters<ReturnType<CurrentStore>['listJobs']>[0]) => store().listJobs(filter).map((j) => j.jobId);
      expect(ids()).toEqual([J3, J1, J2]);
      expect(ids({ jobPrefix: '9' })).toEqual([J1, J2]);
      expect(ids({ jobPrefix: '9f2c02' })).toEqual([J2]);
      expect(ids({ idPrefix: '9f2c0100' })).toEqual([J1]);
      expect(ids({ jobPrefix: '9f', idPrefix: '1a000000' })).toEqual([]);
      expect(ids({ jobPrefix: J3 })).toEqual([J3]);
    });

    it('lists by status and signature for recovery and retention', () => {
      store().insertJob(fixtureJob(J1));
      store().insertJob(fixtureJob(J2, { createdAt: T0 + 1 }));
      store().insertJob(fixtureJob(J3, { createdAt: T0 + 2 }));
      store().updateJob(J1, { status: 'succeeded', signature: 's'.repeat(64) });
      store().updateJob(J2, { status: 'running', signature: 's'.repeat(64) });
      const ids = (filter?: Parameters<ReturnType<CurrentStore>['listJobs']>[0]) => store().listJobs(filter).map((j) => j.jobId);
      expect(ids({ statuses: ['queued', 'running'] })).toEqual([J2, J3]);
      expect(ids({ signature: 's'.repeat(64) })).toEqual([J1, J2]);
      expect(ids({ signature: 's'.repeat(64), statuses: ['succeeded', 'failed'] })).toEqual([J1]);
    });

    it('deletes jobs with their tasks and events, clears references and audits it', () => {
      seedCatalog(store());
      store().insertJob(fixtureJob(J1));
      store().insertJob(fixtureJob(J2, { createdAt: T0 + 1 }));
      store().insertState(fixtureState(id64('a1'), { buildJobId: J1 }));
      store().insertInstance(fixtureInstance(id32('c1'), id64('a1'), { jobId: J1 }));
      store().reserveName('dev', { jobId: J1, rebind: false, at: T0 });
      store().replaceJobTasks(J1, [
        { taskId: 'plan', position: 0, type: 'plan', status: 'succeeded', inputKind: null, inputId: null, taskHash: null, outputStateId: null, cached: null, argsSummary: null, stepJson: null, instanceId: null, startedAt: T0, finishedAt: T0, errorJson: null },
      ]);
      store().appendJobEvents(J1, [{ ts: T0, type: 'status', status: 'queued' }]);
      store().appendJobEvents(J2, [{ ts: T0, type: 'status', status: 'queued' }]);
      store().deleteJobs([J1], [{ ts: T0 + 9, actor: 'api', action: 'job.deleted', objectId: J1 }]);
      expect(store().getJob(J1)).toBeUndefined();
      expect(store().listTasks({ jobId: J1 })).toEqual([]);
      expect(store().countJobEvents(J1)).toBe(0);
      expect(store().countJobEvents(J2)).toBe(1);
      expect(store().getState(id64('a1'))?.buildJobId).toBeNull();
      expect(store().getInstance(id32('c1'))?.jobId).toBeNull();
      expect(store().getName('dev')?.reservedJobId).toBeNull();
      expect(store().listAudit().map((a) => [a.action, a.objectKind, a.objectId])).toEqual([['job.deleted', 'job', J1]]);
      expect(errorOf(() => store().deleteJobs([J2, J1]))).toEqual({ code: 'not_found', message: 'job not found', details: J1 });
      expect(store().getJob(J2)?.jobId).toBe(J2);
    });
  });
}
