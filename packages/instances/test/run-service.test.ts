import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunRequest } from '@sqlrs/contract';
import type { SqlrsError } from '@sqlrs/errors';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceService } from '../src/index.js';
import { newJob, processEnv, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

type Shown = Record<string, unknown>;

/** Runs a request to the end and returns its events without timestamps (and run_id checked, then dropped). */
async function runAll(service: InstanceService, request: RunRequest, signal = new AbortController().signal): Promise<Shown[]> {
  const run = await service.prepare(request);
  const events: RunEvent[] = [];
  await run.execute((e) => events.push(e), signal);
  return events.map((e) => {
    const { ts, ...rest } = e as RunEvent & { run_id?: string };
    expect(ts).toMatch(/^\d{4}-\d\d-\d\dT/);
    if (rest.type === 'start') {
      expect(rest.run_id).toMatch(/^[0-9a-f]{32}$/);
      const { run_id: _runId, ...shown } = rest;
      return shown;
    }
    return rest;
  });
}

/** Output events merged per stream (chunking is the tool's business), then the rest. */
function merged(events: Shown[]): Shown[] {
  const out: Shown[] = [];
  for (const e of events) {
    const prev = out.at(-1);
    if ((e.type === 'stdout' || e.type === 'stderr') && prev?.type === e.type && prev.step === e.step) prev.data = `${String(prev.data)}${String(e.data)}`;
    else out.push({ ...e });
  }
  return out;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.catch((e: unknown) => e)) as SqlrsError;
  return { code: error.code, message: error.message };
}

describe('runs (process runtime)', () => {
  let env: ProcessEnv;
  let instance: InstanceRecord;
  let dir: string;
  beforeAll(async () => {
    env = await processEnv();
    instance = await env.service.create({ jobId: newJob(env.store, 'a'.repeat(32)), stateId: env.stateId, image: env.image, name: 'dev', rebind: false, expiresAt: null });
    dir = await mkdtemp(join(tmpdir(), 'sqlrs-run-files-'));
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await env?.cleanup();
  });

  it('psql by name streams output and ends with exit 0; by id a failing statement ends with its real code', async () => {
    const start = { type: 'start', instance_id: instance.instanceId };
    expect(merged(await runAll(env.service, { instance_ref: 'dev', kind: 'psql', args: ['-X', '-At', '-c', 'SELECT 40 + 2'] }))).toEqual([
      start,
      { type: 'stdout', data: '42\n' },
      { type: 'exit', exit_code: 0 },
    ]);
    expect(merged(await runAll(env.service, { instance_ref: instance.instanceId.toUpperCase(), kind: 'psql', args: ['-c', 'SELECT 1/0'] }))).toEqual([
      start,
      { type: 'stderr', data: 'ERROR:  division by zero\n' },
      { type: 'exit', exit_code: 1 },
    ]);
  });

  it('steps run in order and stop at the first non-zero exit; -f files and stdin reach psql', async () => {
    const file = join(dir, 'two.sql');
    await writeFile(file, "SELECT 'two';\n");
    const events = await runAll(env.service, {
      instance_ref: 'dev',
      kind: 'psql',
      steps: [
        { args: ['-X', '-At', '-c', "SELECT 'one'"] },
        { args: ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-f', file, '-f', '-'], stdin: "SELECT 'three';\nSELECT bad;\n" },
        { args: ['-c', 'SELECT 4'] },
      ],
    });
    expect(merged(events)).toEqual([
      { type: 'start', instance_id: instance.instanceId },
      { type: 'stdout', data: 'one\n', step: 0 },
      { type: 'stdout', data: 'two\nthree\n', step: 1 },
      { type: 'stderr', data: 'psql:<stdin>:2: ERROR:  column "bad" does not exist\nLINE 1: SELECT bad;\n               ^\n', step: 1 },
      { type: 'exit', exit_code: 3, step: 1 },
    ]);
  });

  it('pgbench runs with its real exit codes', async () => {
    const init = merged(await runAll(env.service, { instance_ref: 'dev', kind: 'pgbench', args: ['-i', '-s', '1', '-q'] }));
    expect(init.at(-1)).toEqual({ type: 'exit', exit_code: 0 });
    const bench = merged(await runAll(env.service, { instance_ref: 'dev', kind: 'pgbench', args: ['-t', '10', '-c', '2', '-n'] }));
    expect(bench.at(-1)).toEqual({ type: 'exit', exit_code: 0 });
    expect(String(bench.find((e) => e.type === 'stdout')?.data)).toContain('number of transactions actually processed: 20/20');
    const script = join(dir, 'bad.pgbench');
    await writeFile(script, 'SELECT * FROM missing_table;\n');
    const failed = merged(await runAll(env.service, { instance_ref: 'dev', kind: 'pgbench', args: ['-n', '-t', '1', '-f', script] }));
    expect(failed.at(-1)).toEqual({ type: 'exit', exit_code: 2 });
  });

  it('a timeout kills the tool, terminates its session and ends with the cancelled error', async () => {
    const started = Date.now();
    const events = await runAll(env.service, { instance_ref: 'dev', kind: 'psql', args: ['-c', 'SELECT pg_sleep(30)'], timeout_seconds: 1 });
    expect(events).toEqual([
      { type: 'start', instance_id: instance.instanceId },
      { type: 'error', error: { code: 'cancelled', message: 'run timed out after 1s' } },
    ]);
    expect(Date.now() - started).toBeLessThan(8_000);
    const sessions = await tcpQuery(instance.port ?? 0, instance.password, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'sqlrs-run-%'");
    expect(sessions).toEqual([{ n: 0 }]);
  });

  it('an abort (client disconnect) kills the tool and its session', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 500);
    const started = Date.now();
    const events = await runAll(env.service, { instance_ref: 'dev', kind: 'psql', args: ['-c', 'SELECT pg_sleep(30)'] }, abort.signal);
    expect(events).toEqual([
      { type: 'start', instance_id: instance.instanceId },
      { type: 'error', error: { code: 'cancelled', message: 'run cancelled: the client disconnected' } },
    ]);
    expect(Date.now() - started).toBeLessThan(8_000);
    const sessions = await tcpQuery(instance.port ?? 0, instance.password, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'sqlrs-run-%'");
    expect(sessions).toEqual([{ n: 0 }]);
  });

  it('refuses before any event: bad args 400, unreadable file 400, unknown instance 404, 9th run 429, failed instance 409', async () => {
    expect(await errorOf(env.service.prepare({ instance_ref: 'dev', kind: 'psql', args: ['-h', 'elsewhere'] }))).toMatchObject({ code: 'invalid_argument' });
    expect(await errorOf(env.service.prepare({ instance_ref: 'dev', kind: 'psql', args: ['-f', join(dir, 'absent.sql')] }))).toEqual({
      code: 'invalid_argument',
      message: `file ${join(dir, 'absent.sql')} is not readable; check the path and its permissions`,
    });
    expect(await errorOf(env.service.prepare({ instance_ref: 'nope', kind: 'psql' }))).toEqual({ code: 'not_found', message: 'instance not found' });
    const held = await Promise.all(Array.from({ length: 8 }, () => env.service.prepare({ instance_ref: 'dev', kind: 'psql', args: ['-c', 'SELECT 1'] })));
    expect(env.service.active()).toBe(8);
    expect(await errorOf(env.service.prepare({ instance_ref: 'dev', kind: 'psql' }))).toEqual({
      code: 'too_many_requests',
      message: '8 runs are already active; retry when one finished',
    });
    await Promise.all(held.map((run) => run.execute(() => undefined, new AbortController().signal)));
    expect(env.service.active()).toBe(0);
    const other = await env.service.create({ jobId: newJob(env.store, 'b'.repeat(32)), stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: null });
    env.store.updateInstance(other.instanceId, { status: 'failed', statusReason: 'data_missing' });
    expect(await errorOf(env.service.prepare({ instance_ref: other.instanceId, kind: 'psql' }))).toEqual({
      code: 'conflict',
      message: `instance ${other.instanceId} is failed; reset or delete it, or prepare a new one`,
    });
  });
});
