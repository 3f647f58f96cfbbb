import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { harness, psqlRequest, settled } from './helpers/service-harness.js';

describe('retention and delete (api.md §4.8, §4.11)', () => {
  it('keeps only the newest maxIdentical finished jobs of a signature', async () => {
    const h = await harness();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { job_id } = await h.service.submit(psqlRequest(['-c', 'select 1']));
      await settled(h.service, job_id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      ids.push(job_id);
    }
    expect(h.service.listJobs({}).map((j) => j.job_id)).toEqual(ids.slice(1));
    expect(h.store.listAudit().filter((a) => a.action === 'job.deleted').map((a) => a.objectId)).toEqual([ids[0]]);
    expect(h.service.getJob(ids[0] as string)).toBeUndefined();
    expect(h.store.listInstances().length).toBe(3);
  });

  it('keeps every job when maxIdentical is 0', async () => {
    const h = await harness((c) => {
      c.orchestrator.jobs.maxIdentical = 0;
    });
    for (let i = 0; i < 3; i += 1) await settled(h.service, (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id);
    expect(h.service.listJobs({}).length).toBe(3);
  });

  it('blocks deleting a running job unless forced, then deletes it and ends its stream', async () => {
    const h = await harness();
    let started = false;
    h.runtime.exec_ = ({ signal }) =>
      new Promise((_resolve, reject) => {
        started = true;
        signal?.addEventListener('abort', () => reject(new SqlrsError('cancelled', 'stopped')));
      });
    const { job_id: id } = await h.service.submit(psqlRequest(['-c', 'select 1'], { name: 'gone' }));
    while (!started) await new Promise((resolve) => setTimeout(resolve, 5));
    const root = { kind: 'job', id, connections: null, runtime_id: null, blocked: 'active_tasks', children: [] };
    expect(await h.service.deleteJob(id, { force: false, dryRun: false })).toEqual({
      httpStatus: 409,
      result: { dry_run: false, outcome: 'blocked', root },
    });
    expect(await h.service.deleteJob(id, { force: false, dryRun: true })).toEqual({
      httpStatus: 200,
      result: { dry_run: true, outcome: 'blocked', root },
    });
    expect(await h.service.deleteJob(id, { force: true, dryRun: true })).toEqual({
      httpStatus: 200,
      result: { dry_run: true, outcome: 'would_delete', root: { ...root, blocked: null } },
    });
    const ended = new Promise<void>((resolve) => h.service.events.subscribe(id, () => undefined, resolve));
    expect(await h.service.deleteJob(id, { force: true, dryRun: false })).toEqual({
      httpStatus: 200,
      result: { dry_run: false, outcome: 'deleted', root: { ...root, blocked: null } },
    });
    await ended;
    expect(h.service.getJob(id)).toBeUndefined();
    expect(h.service.events.read(id, 0)).toBeUndefined();
    expect(h.store.getName('gone')).toBeUndefined();
    await expect(h.service.deleteJob(id, { force: false, dryRun: false })).rejects.toEqual(new SqlrsError('not_found', 'job not found'));
  });

  it('deletes a running job whose tasks are only queued without force: cancels it, waits for it, removes its rows', async () => {
    const h = await harness((c) => {
      c.orchestrator.jobs.maxConcurrent = 1;
    });
    let started = 0;
    h.runtime.exec_ = ({ signal }) =>
      new Promise((_resolve, reject) => {
        started += 1;
        signal?.addEventListener('abort', () => reject(new SqlrsError('cancelled', 'stopped')));
      });
    const a = (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id;
    while (started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const b = (await h.service.submit(psqlRequest(['-c', 'select 2'], { name: 'waiting' }))).job_id;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.service.getJob(b)).toMatchObject({ status: 'running' });
    expect(h.service.listTasks({ jobId: b }).map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'queued', 'queued']);
    const root = { kind: 'job', id: b, connections: null, runtime_id: null, blocked: null, children: [] };
    expect(await h.service.deleteJob(b, { force: false, dryRun: true })).toEqual({
      httpStatus: 200,
      result: { dry_run: true, outcome: 'would_delete', root },
    });
    expect(h.service.getJob(b)).toMatchObject({ status: 'running' });
    expect(await h.service.deleteJob(b, { force: false, dryRun: false })).toEqual({
      httpStatus: 200,
      result: { dry_run: false, outcome: 'deleted', root },
    });
    expect(h.service.getJob(b)).toBeUndefined();
    expect(h.service.listTasks({ jobId: b })).toEqual([]);
    expect(h.service.events.read(b, 0)).toBeUndefined();
    expect(h.store.getName('waiting')).toBeUndefined();
    expect(h.service.activeJobs()).toEqual({ queued: 0, running: 1 });
    expect(started).toBe(1);
    expect(await h.service.deleteJob(a, { force: false, dryRun: false })).toEqual({
      httpStatus: 409,
      result: { dry_run: false, outcome: 'blocked', root: { ...root, id: a, blocked: 'active_tasks' } },
    });
    h.service.cancel(a);
    expect((await settled(h.service, a))?.status).toBe('failed');
    expect(started).toBe(1);
  });

  it('deleting a finished job never touches its instance or states', async () => {
    const h = await harness();
    const { job_id: id } = await h.service.submit(psqlRequest(['-c', 'select 1']));
    await settled(h.service, id);
    expect((await h.service.deleteJob(id, { force: false, dryRun: false })).result.outcome).toBe('deleted');
    expect(h.store.listInstances().map((i) => [i.status, i.jobId])).toEqual([['active', null]]);
    expect(h.store.listStates().map((s) => s.status)).toEqual(['ready']);
  });

  it('cancel of an unknown job is not_found', async () => {
    const h = await harness();
    expect(() => h.service.cancel('f'.repeat(32))).toThrow(new SqlrsError('not_found', 'job not found'));
  });
});
