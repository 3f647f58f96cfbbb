import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { type Metrics, createMetrics } from '@sqlrs/telemetry';
import { appliedIn } from './helpers/fake-runtime.js';
import { NOW_ISO, harness, psqlRequest, settled } from './helpers/service-harness.js';

const IMAGE = `postgres:15.8@sha256:${'a'.repeat(64)}`;
const DSN = 'postgres://sqlrs:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0@127.0.0.1:15500/postgres';

describe('prepare service: a two-step job', () => {
  it('runs plan, resolve, two builds and the instance, with events in api.md order', async () => {
    const h = await harness();
    const script = join(h.work, 'schema.sql');
    await writeFile(script, 'create table t (id int);\n');
    const accepted = await h.service.submit(psqlRequest(['-f', script, '-c', 'insert into t values (1)'], { name: 'dev' }));
    const jobId = '00000000000000000000000000000001';
    expect(accepted).toEqual({
      job_id: jobId,
      status_url: `/v1/prepare-jobs/${jobId}`,
      events_url: `/v1/prepare-jobs/${jobId}/events`,
      status: 'queued',
    });
    const job = await settled(h.service, jobId);
    const tasks = job?.tasks ?? [];
    const s1 = tasks[2]?.type === 'state_execute' ? tasks[2].output_state_id : '';
    const s2 = tasks[3]?.type === 'state_execute' ? tasks[3].output_state_id : '';
    expect(job).toMatchObject({
      job_id: jobId,
      status: 'succeeded',
      image_id: 'postgres:15',
      resolved_image_id: IMAGE,
      name: 'dev',
      cancel_requested: false,
      error: null,
      result: {
        dsn: DSN,
        instance_id: '1'.padStart(32, 'c'),
        state_id: s2,
        image_id: IMAGE,
        prepare_kind: 'psql',
        name: 'dev',
        expires_at: null,
        host: '127.0.0.1',
        port: 15500,
        database: 'postgres',
        user: 'sqlrs',
      },
    });
    expect(tasks.map((t) => [t.task_id, t.status])).toEqual([
      ['plan', 'succeeded'],
      ['resolve-image', 'succeeded'],
      ['execute-0', 'succeeded'],
      ['execute-1', 'succeeded'],
      ['prepare-instance', 'succeeded'],
    ]);
    expect(tasks[2]).toMatchObject({ input: { kind: 'image', id: IMAGE }, cached: false, args_summary: `-f ${script}` });
    expect(tasks[3]).toMatchObject({ input: { kind: 'state', id: s1 }, cached: false, args_summary: '-c insert into t values (1)' });
    const events = h.service.events.read(jobId, 0);
    expect(events?.terminal).toBe(true);
    expect(events?.events.map((e) => [e.seq, e.type, e.task_id ?? e.message ?? e.status])).toEqual([
      [0, 'status', 'queued'],
      [1, 'status', 'running'],
      [2, 'task', 'plan'],
      [3, 'task', 'plan'],
      [4, 'task', 'resolve-image'],
      [5, 'task', 'execute-0'],
      [6, 'log', `psql: ran ${script}`],
      [7, 'task', 'execute-0'],
      [8, 'task', 'execute-1'],
      [9, 'log', 'psql: ran insert into t values (1)'],
      [10, 'task', 'execute-1'],
      [11, 'task', 'prepare-instance'],
      [12, 'task', 'prepare-instance'],
      [13, 'status', 'succeeded'],
      [14, 'result', undefined],
    ]);
    expect(events?.events[14]).toEqual({ seq: 14, type: 'result', ts: NOW_ISO, result: job?.result });
    expect(h.store.listJobEvents(jobId).some((e) => e.resultJson?.includes('c2VjcmV0') === true)).toBe(false);
    const state = h.store.getState(s2);
    expect(state).toMatchObject({ status: 'ready', parentStateId: s1, buildJobId: jobId, sizeAllocatedBytes: 4096 });
    const stateDir = h.layout.stateDir(`pg15-${state?.baseId.slice(0, 16)}`, s2);
    expect(await appliedIn(stateDir)).toEqual([script, 'insert into t values (1)']);
    expect(h.runtime.execs[0]?.argv).toEqual(['psql', '-X', '-v', 'ON_ERROR_STOP=1', '-f', script, '-h', h.runtime.starts[0]?.socketDir, '-p', '15432', '-U', 'sqlrs', '-d', 'postgres']);
    expect(h.runtime.execs[0]?.env).toEqual({ PGAPPNAME: 'sqlrs-build-00000000-0', PGOPTIONS: '-c statement_timeout=1800000', PGCLIENTENCODING: 'UTF8' });
    expect(h.runtime.execs[0]?.cwd).toBe(h.work);
    expect(h.store.getName('dev')).toMatchObject({ instanceId: job?.result?.instance_id, reservedJobId: null });
  });
});

describe('prepare service: shutdown', () => {
  it('lets a job that ends before the deadline finish (the deadline is a point in time)', async () => {
    const h = await harness();
    h.runtime.exec_ = () => new Promise((resolve) => setTimeout(() => resolve(0), 100));
    const { job_id: id } = await h.service.submit(psqlRequest(['-c', 'select 1']));
    await h.service.shutdown(Date.parse(NOW_ISO) + 10_000);
    expect(h.service.getJob(id)?.status).toBe('succeeded');
  });

  it('fails jobs still running at the deadline as interrupted and refuses new work', async () => {
    const h = await harness();
    h.runtime.exec_ = ({ signal }) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new SqlrsError('cancelled', 'psql was stopped')));
      });
    const { job_id: id } = await h.service.submit(psqlRequest(['-c', 'select pg_sleep(100)']));
    expect(h.service.activeJobs()).toEqual({ queued: 0, running: 1 });
    await h.service.shutdown(30);
    expect(h.service.getJob(id)).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted', message: 'the engine stopped while the job ran; resubmit it to reuse every finished step' },
    });
    expect(h.service.activeJobs()).toEqual({ queued: 0, running: 0 });
    await expect(h.service.submit(psqlRequest([]))).rejects.toEqual(
      new SqlrsError('unavailable', 'the engine is shutting down; retry once it has restarted'),
    );
  });
});

/** The `sqlrs_prepare_jobs` sample lines of the rendered registry. */
async function jobGauge(metrics: Metrics): Promise<string[]> {
  return (await metrics.render()).body.split('\n').filter((line) => line.startsWith('sqlrs_prepare_jobs{'));
}

describe('prepare service: sqlrs_prepare_jobs gauge (api.md §3.4)', () => {
  it('counts running jobs while they run and drops them when they end (queued lasts only until submit returns)', async () => {
    const metrics = createMetrics();
    const h = await harness(() => undefined, { metrics });
    const releases: (() => void)[] = [];
    h.runtime.exec_ = () =>
      new Promise((resolve) => {
        releases.push(() => resolve(0));
      });
    const a = (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id;
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await jobGauge(metrics)).toEqual(['sqlrs_prepare_jobs{status="queued"} 0', 'sqlrs_prepare_jobs{status="running"} 1']);
    releases[0]?.();
    expect((await settled(h.service, a))?.status).toBe('succeeded');
    expect(await jobGauge(metrics)).toEqual(['sqlrs_prepare_jobs{status="queued"} 0', 'sqlrs_prepare_jobs{status="running"} 0']);
    const b = (await h.service.submit(psqlRequest(['-c', 'select 2']))).job_id;
    while (releases.length === 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await jobGauge(metrics)).toEqual(['sqlrs_prepare_jobs{status="queued"} 0', 'sqlrs_prepare_jobs{status="running"} 1']);
    h.service.cancel(b);
    releases[1]?.();
    expect((await settled(h.service, b))?.status).toBe('failed');
    expect(await jobGauge(metrics)).toEqual(['sqlrs_prepare_jobs{status="queued"} 0', 'sqlrs_prepare_jobs{status="running"} 0']);
  });
});
