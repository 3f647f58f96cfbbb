import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { harness, psqlRequest, settled } from './helpers/service-harness.js';

describe('job runner: single-flight', () => {
  it('builds each state once when 10 identical jobs run at once', async () => {
    const h = await harness((c) => {
      c.orchestrator.jobs.maxIdentical = 0;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const defaultExec = h.runtime.exec_;
    h.runtime.exec_ = async (o) => {
      await gate;
      return defaultExec(o);
    };
    const ids = [];
    for (let i = 0; i < 10; i += 1) ids.push((await h.service.submit(psqlRequest(['-c', 'select 1', '-c', 'select 2']))).job_id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const jobs = await Promise.all(ids.map((id) => settled(h.service, id)));
    expect(jobs.map((j) => j?.status)).toEqual(Array(10).fill('succeeded'));
    expect(h.runtime.initBaseCalls).toBe(1);
    expect(h.runtime.starts.length).toBe(2);
    expect(h.runtime.execs.map((e) => e.argv[5])).toEqual(['select 1', 'select 2']);
    const cached = jobs.map((j) => j?.tasks?.filter((t) => t.type === 'state_execute').map((t) => (t.type === 'state_execute' ? t.cached : null)));
    expect(cached[0]).toEqual([false, false]);
    expect(cached.slice(1)).toEqual(Array(9).fill([true, true]));
    const waiting = h.service.events.read(ids[1] as string, 0)?.events.filter((e) => e.message?.startsWith('cache: waiting'));
    expect(waiting?.map((e) => e.message?.slice(0, 22))).toEqual(['cache: waiting for sta', 'cache: waiting for sta']);
  });

  it('lets a waiter build when the builder fails, and that waiter fails with its own error', async () => {
    const h = await harness();
    let calls = 0;
    h.runtime.exec_ = async ({ sink }) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      sink('stderr', 'ERROR:  relation "nope" does not exist');
      return 3;
    };
    const a = (await h.service.submit(psqlRequest(['-c', 'select * from nope']))).job_id;
    const b = (await h.service.submit(psqlRequest(['-c', 'select * from nope']))).job_id;
    const [ja, jb] = await Promise.all([settled(h.service, a), settled(h.service, b)]);
    expect(calls).toBe(2);
    const error = {
      code: 'internal_error',
      message: 'psql exited with code 3 in step 0 (-c select * from nope)',
      details: 'ERROR:  relation "nope" does not exist',
    };
    expect(ja?.error).toEqual(error);
    expect(jb?.error).toEqual(error);
  });
});

describe('job runner: build permits', () => {
  it('holds a build behind maxConcurrent with its task queued until a permit frees', async () => {
    const h = await harness((c) => {
      c.orchestrator.jobs.maxConcurrent = 1;
    });
    const releases: (() => void)[] = [];
    h.runtime.exec_ = () =>
      new Promise((resolve) => {
        releases.push(() => resolve(0));
      });
    const a = (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id;
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const b = (await h.service.submit(psqlRequest(['-c', 'select 2']))).job_id;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.service.getJob(b)).toMatchObject({ status: 'running' });
    expect(h.service.getJob(b)?.tasks?.[2]).toMatchObject({ task_id: 'execute-0', status: 'queued' });
    expect(h.runtime.starts.length).toBe(1);
    releases[0]?.();
    await settled(h.service, a);
    while (releases.length === 1) await new Promise((resolve) => setTimeout(resolve, 5));
    releases[1]?.();
    expect((await settled(h.service, b))?.status).toBe('succeeded');
    expect(h.runtime.starts.length).toBe(2);
  });
});

describe('job runner: failures and cancel', () => {
  it('fails the job with the psql output tail and leaves no ready state or build dir', async () => {
    const h = await harness();
    h.runtime.exec_ = async ({ spec, sink }) => {
      if (spec.argv[5] === 'boom') {
        sink('stderr', 'ERROR:  boom');
        return 1;
      }
      sink('stdout', 'ok');
      return 0;
    };
    const id = (await h.service.submit(psqlRequest(['-c', 'fine', '-c', 'boom', '-c', 'never'], { name: 'x1' }))).job_id;
    const job = await settled(h.service, id);
    expect(job?.status).toBe('failed');
    expect(job?.error).toEqual({ code: 'internal_error', message: 'psql exited with code 1 in step 1 (-c boom)', details: 'ERROR:  boom' });
    expect(job?.tasks?.map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'queued', 'queued']);
    const states = h.store.listStates();
    expect(states.map((s) => s.status).sort()).toEqual(['failed', 'ready']);
    expect(await readdir(h.layout.tmpDir)).toEqual([]);
    expect(h.store.getName('x1')).toBeUndefined();
    expect(h.runtime.removed.length).toBe(2);
    const tail = h.service.events.read(id, 0)?.events.slice(-4);
    expect(tail?.map((e) => [e.type, e.status, e.task_id])).toEqual([
      ['log', undefined, undefined],
      ['task', 'failed', 'execute-1'],
      ['status', 'failed', undefined],
      ['error', undefined, undefined],
    ]);
    expect(tail?.[1]?.error).toEqual(job?.error);
  });

  it("removes a good step's sandbox and clone beside the next step, and ends the job only after that", async () => {
    const h = await harness();
    const remove = h.runtime.remove.bind(h.runtime);
    let removing = 0;
    let nextStepRan!: () => void;
    const nextStep = new Promise<void>((resolve) => {
      nextStepRan = resolve;
    });
    // Step 0's removal holds until step 1's psql runs (2 s at most, so a serial build fails fast).
    h.runtime.remove = async (ref) => {
      removing += 1;
      await Promise.race([nextStep, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await remove(ref);
      removing -= 1;
    };
    const defaultExec = h.runtime.exec_;
    const removalsDuringPsql: number[] = [];
    h.runtime.exec_ = async (o) => {
      removalsDuringPsql.push(removing);
      if (o.spec.argv[5] === 'select 2') nextStepRan();
      return defaultExec(o);
    };
    const id = (await h.service.submit(psqlRequest(['-c', 'select 1', '-c', 'select 2']))).job_id;
    const job = await settled(h.service, id);
    expect(job?.status).toBe('succeeded');
    expect(removalsDuringPsql).toEqual([0, 1]);
    expect(h.runtime.removed.length).toBe(2);
    expect(await readdir(h.layout.tmpDir)).toEqual([]);
  });

  it('cancels a running step: the task and job fail cancelled, nothing is captured', async () => {
    const h = await harness();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    h.runtime.exec_ = ({ signal }) =>
      new Promise((_resolve, reject) => {
        started();
        signal?.addEventListener('abort', () => reject(new SqlrsError('cancelled', 'psql was stopped')));
      });
    const id = (await h.service.submit(psqlRequest(['-c', 'select pg_sleep(100)', '-c', 'select 2']))).job_id;
    await running;
    const answer = h.service.cancel(id);
    expect(answer.httpStatus).toBe(202);
    expect(answer.job).toMatchObject({ status: 'running', cancel_requested: true });
    const job = await settled(h.service, id);
    expect(job).toMatchObject({ status: 'failed', cancel_requested: true, error: { code: 'cancelled', message: 'job cancelled' } });
    expect(job?.tasks?.map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'failed', 'queued', 'queued']);
    expect(h.store.listStates().map((s) => s.status)).toEqual(['failed']);
    expect(h.snapshotter.snapshots).toBe(0);
    expect(await readdir(h.layout.tmpDir)).toEqual([]);
    expect(h.service.cancel(id).httpStatus).toBe(200);
  });

  it('times a job out at orchestrator.jobs.timeout as a cancel', async () => {
    const h = await harness((c) => {
      c.orchestrator.jobs.timeout = '30ms';
    });
    h.runtime.exec_ = ({ signal }) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new SqlrsError('cancelled', 'psql was stopped')));
      });
    const id = (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id;
    const job = await settled(h.service, id);
    expect(job?.error).toEqual({ code: 'cancelled', message: 'job timed out after 30ms' });
  });

  it('fails inputs changed after submit', async () => {
    const h = await harness();
    const script = join(h.work, 'a.sql');
    await writeFile(script, 'select 1;\n');
    h.runtime.exec_ = async () => 0;
    const original = h.runtime.start.bind(h.runtime);
    h.runtime.start = async (spec) => {
      await writeFile(script, 'select 2;\n');
      return original(spec);
    };
    const id = (await h.service.submit(psqlRequest(['-f', script]))).job_id;
    const job = await settled(h.service, id);
    expect(job?.error).toEqual({ code: 'invalid_argument', message: 'inputs changed after submit; resubmit once the input files stop changing', details: `${script}: content changed since it was hashed` });
  });
});

describe('job runner: plan_only and cache hits', () => {
  it('plan_only marks every task succeeded and creates nothing', async () => {
    const h = await harness();
    const id = (await h.service.submit(psqlRequest(['-c', 'select 1'], { plan_only: true }))).job_id;
    const job = await settled(h.service, id);
    expect(job).toMatchObject({ status: 'succeeded', result: null, plan_only: true });
    expect(job?.tasks?.map((t) => [t.task_id, t.status])).toEqual([
      ['plan', 'succeeded'],
      ['resolve-image', 'succeeded'],
      ['execute-0', 'succeeded'],
      ['prepare-instance', 'succeeded'],
    ]);
    expect(h.store.listStates()).toEqual([]);
    expect(h.runtime.starts).toEqual([]);
    expect(h.instances.created).toEqual([]);
    expect(h.service.events.read(id, 0)?.events.map((e) => e.type)).toEqual(['status', 'status', 'task', 'task', 'task', 'task', 'task', 'status']);
  });

  it('a second identical job hits the cache: only task succeeded events for cached steps', async () => {
    const h = await harness();
    await settled(h.service, (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id);
    const id = (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id;
    const job = await settled(h.service, id);
    expect(job?.status).toBe('succeeded');
    expect(h.runtime.starts.length).toBe(1);
    expect(h.instances.created.length).toBe(2);
    const events = h.service.events.read(id, 0)?.events.filter((e) => e.task_id === 'execute-0');
    expect(events?.map((e) => e.status)).toEqual(['succeeded']);
  });

  it('an empty psql_args job snapshots the base as its one state', async () => {
    const h = await harness();
    const id = (await h.service.submit(psqlRequest([]))).job_id;
    const job = await settled(h.service, id);
    expect(job?.status).toBe('succeeded');
    expect(job?.tasks?.[2]).toMatchObject({ task_id: 'execute-0', args_summary: '(empty)' });
    expect(h.runtime.execs).toEqual([]);
    expect(h.snapshotter.snapshots).toBe(1);
  });

  it('feeds stdin to a -f - step from the saved job file', async () => {
    const h = await harness();
    const id = (await h.service.submit(psqlRequest(['-f', '-'], { stdin: 'select 42;\n' }))).job_id;
    expect(JSON.parse(h.store.getJob(id)?.requestJson ?? '')).toEqual({
      prepare_kind: 'psql',
      image_id: 'postgres:15',
      psql_args: ['-f', '-'],
      stdin_sha256: createHash('sha256').update('select 42;\n').digest('hex'),
      stdin_bytes: 11,
    });
    await settled(h.service, id);
    expect(h.runtime.execs[0]?.stdin).toBe('select 42;\n');
  });
});

