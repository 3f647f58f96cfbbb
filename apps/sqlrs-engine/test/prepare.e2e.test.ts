// Issue 4 acceptance, end to end through the built engine binary with real Docker: psql prepares,
// the content-addressed cache, single-flight builds, failure/cancel/SIGKILL cleanup, event ranges,
// runs, and bad-input 400s.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PrepareJobEvent } from '@sqlrs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tempStore } from './engine-process.js';
import { OpenApiValidator } from './openapi-validator.js';
import {
  TEST_IMAGE,
  cachedFlags,
  openSession,
  prepare,
  psqlAt,
  psqlLogs,
  removeStoreContainers,
  runTool,
  stepStates,
  stopEngine,
  storeContainers,
  tempDir,
  unique,
  waitForJob,
} from './prepare-e2e-harness.js';
import type { EngineSession } from './prepare-e2e-harness.js';

const SLOW = 180_000;
const dirs: string[] = [];
let store: string;
let session: EngineSession;

beforeAll(async () => {
  assertBuilt();
  store = tempStore();
  session = await openSession(store);
  // Keep every finished job readable: retention would delete identical jobs beyond the newest two.
  const res = await session.call('PATCH', '/v1/config', { body: { path: 'orchestrator.jobs.maxIdentical', value: 0 } });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await stopEngine(session);
  removeStoreContainers(session?.storeId);
  for (const dir of [store, ...dirs]) if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

function sqlDir(files: Record<string, string>): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function stateStatus(s: EngineSession, stateId: string): Promise<number> {
  return (await s.call('GET', `/v1/states/${stateId}`)).status;
}

/** Reads events until one matches, leaving the stream open for the caller to drain. */
async function until(stream: AsyncIterator<PrepareJobEvent>, match: (e: PrepareJobEvent) => boolean): Promise<void> {
  for (;;) {
    const next = await stream.next();
    if (next.done === true) throw new Error('event stream ended before the awaited event');
    if (match(next.value)) return;
  }
}

describe('a three-file psql script', () => {
  it('prepares, hits the cache for an identical request, and re-executes only changed steps', { timeout: SLOW }, async () => {
    const u = unique();
    const dir = sqlDir({
      'schema.sql': `create table item_${u} (id int primary key, name text not null);\n`,
      'data.sql': `insert into item_${u} values (1, 'apple'), (2, 'pear');\n`,
      'views.sql': `\\ir view_defs.sql\ninsert into item_${u} values (3, 'plum');\n`,
      'view_defs.sql': `create view names_${u} as select name from item_${u} order by id;\n`,
    });
    const args = ['-f', path.join(dir, 'schema.sql'), '-f', path.join(dir, 'data.sql'), '-f', path.join(dir, 'views.sql')];
    const names = `select string_agg(name, ',') from names_${u}`;

    const first = await prepare(session.client, { psql_args: args });
    expect(first.status.status).toBe('succeeded');
    expect(cachedFlags(first)).toEqual([false, false, false]);
    expect(psqlLogs(first)).toEqual(['psql: CREATE TABLE', 'psql: INSERT 0 2', 'psql: CREATE VIEW', 'psql: INSERT 0 1']);
    const dsn1 = first.status.result?.dsn as string;
    expect(await psqlAt(dsn1, names)).toBe('apple,pear,plum');

    const again = await prepare(session.client, { psql_args: args });
    expect(again.status.status).toBe('succeeded');
    expect(cachedFlags(again)).toEqual([true, true, true]);
    expect(psqlLogs(again)).toEqual([]);
    expect(again.events.filter((e) => e.type === 'task' && e.task_id?.startsWith('execute-')).map((e) => e.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(stepStates(again)).toEqual(stepStates(first));
    const dsn2 = again.status.result?.dsn as string;
    expect(again.status.result?.instance_id).not.toBe(first.status.result?.instance_id);
    expect(dsn2).not.toBe(dsn1);
    await psqlAt(dsn2, `insert into item_${u} values (4, 'kiwi')`);
    expect([await psqlAt(dsn1, names), await psqlAt(dsn2, names)]).toEqual(['apple,pear,plum', 'apple,pear,plum,kiwi']);

    fs.writeFileSync(path.join(dir, 'data.sql'), `insert into item_${u} values (1, 'apple'), (2, 'fig');\n`);
    const second = await prepare(session.client, { psql_args: args });
    expect(cachedFlags(second)).toEqual([true, false, false]);
    expect(psqlLogs(second)).toEqual(['psql: INSERT 0 2', 'psql: CREATE VIEW', 'psql: INSERT 0 1']);
    expect(stepStates(second)[0]).toBe(stepStates(first)[0]);
    expect(stepStates(second).slice(1)).not.toContain(stepStates(first)[1]);
    expect(stepStates(second)[2]).not.toBe(stepStates(first)[2]);
    expect(await psqlAt(second.status.result?.dsn as string, names)).toBe('apple,fig,plum');

    fs.writeFileSync(path.join(dir, 'view_defs.sql'), `create view names_${u} as select upper(name) as name from item_${u} order by id;\n`);
    const included = await prepare(session.client, { psql_args: args });
    expect(cachedFlags(included)).toEqual([true, true, false]);
    expect(stepStates(included).slice(0, 2)).toEqual(stepStates(second).slice(0, 2));
    expect(stepStates(included)[2]).not.toBe(stepStates(second)[2]);
    expect(await psqlAt(included.status.result?.dsn as string, names)).toBe('APPLE,FIG,PLUM');
  });
});

describe('concurrent identical requests', () => {
  it('build each state exactly once across ten jobs', { timeout: SLOW }, async () => {
    const u = unique();
    const request = {
      prepare_kind: 'psql' as const,
      image_id: TEST_IMAGE,
      psql_args: ['-c', `create table a_${u} (x int)`, '-c', `insert into a_${u} values (1), (2)`, '-c', `create index on a_${u} (x)`],
    };
    const accepted = await Promise.all(Array.from({ length: 10 }, () => session.client.submitPrepareJob(request)));
    const jobs = await Promise.all(accepted.map((a) => waitForJob(session.client, a.job_id)));

    expect(jobs.map((j) => j.status.status)).toEqual(Array(10).fill('succeeded'));
    expect(jobs.flatMap(psqlLogs).sort()).toEqual(['psql: CREATE INDEX', 'psql: CREATE TABLE', 'psql: INSERT 0 2']);
    const executed = jobs.flatMap((j) => j.tasks.filter((t) => t.type === 'state_execute' && t.cached === false));
    const states = stepStates(jobs[0] as (typeof jobs)[0]);
    expect(executed.map((t) => t.output_state_id).sort()).toEqual([...states].sort());
    for (const job of jobs) expect(stepStates(job)).toEqual(states);
    expect(new Set(jobs.map((j) => j.status.result?.instance_id)).size).toBe(10);
    expect(await psqlAt(jobs[9]?.status.result?.dsn as string, `select sum(x) from a_${u}`)).toBe('3');
  });
});

describe('a failing script', () => {
  it('fails the job with psql error text and leaves no state or build container', { timeout: SLOW }, async () => {
    const u = unique();
    const job = await prepare(session.client, { psql_args: ['-c', `create table ok_${u} (x int)`, '-c', `select * from missing_${u}`] });
    const needle = `relation "missing_${u}" does not exist`;

    expect(job.status.status).toBe('failed');
    const errorEvent = job.events[job.events.length - 1] as PrepareJobEvent;
    expect(errorEvent.type).toBe('error');
    expect(errorEvent.error).toEqual({
      code: 'internal_error',
      message: `psql exited with code 1 in step 1 (-c select * from missing_${u})`,
      details: expect.stringContaining(`ERROR:  ${needle}`),
    });
    expect(job.status.error).toEqual(errorEvent.error);
    const failedTask = job.events.find((e) => e.type === 'task' && e.task_id === 'execute-1' && e.status === 'failed');
    expect(failedTask).toMatchObject({ message: errorEvent.error?.message, error: errorEvent.error });
    expect(job.tasks.find((t) => t.task_id === 'execute-1')).toMatchObject({ status: 'failed', cached: false, error: errorEvent.error });
    expect(psqlLogs(job).some((m) => m.includes(needle))).toBe(true);

    const [okState, failedState] = stepStates(job) as [string, string];
    expect(await stateStatus(session, okState)).toBe(200);
    expect(await stateStatus(session, failedState)).toBe(404);
    expect((await session.client.listStates()).map((s) => s.state_id)).not.toContain(failedState);
    expect(storeContainers(session.storeId, 'build')).toEqual([]);
  });
});

describe('cancelling a running job', () => {
  it('answers 202, ends failed "cancelled", and leaves no state or build container', { timeout: SLOW }, async () => {
    const u = unique();
    const accepted = await session.client.submitPrepareJob({
      prepare_kind: 'psql',
      image_id: TEST_IMAGE,
      psql_args: ['-c', `select pg_sleep(30) as ${u}`],
    });
    const stream = (await session.client.prepareJobEvents(accepted.job_id))[Symbol.asyncIterator]();
    await until(stream, (e) => e.type === 'task' && e.task_id === 'execute-0' && e.status === 'running');
    await new Promise((r) => setTimeout(r, 2_000));

    const cancelledAt = Date.now();
    const res = await session.call('POST', `/v1/prepare-jobs/${accepted.job_id}/cancel`);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ job_id: accepted.job_id, status: 'running', cancel_requested: true });
    const job = await waitForJob(session.client, accepted.job_id);
    await stream.return?.();

    expect(Date.now() - cancelledAt).toBeLessThan(20_000);
    expect(job.status).toMatchObject({ status: 'failed', cancel_requested: true, error: { code: 'cancelled' } });
    expect(job.events.slice(-2).map((e) => [e.type, e.status ?? e.error?.code])).toEqual([
      ['status', 'failed'],
      ['error', 'cancelled'],
    ]);
    expect(job.tasks.find((t) => t.task_id === 'execute-0')).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(await stateStatus(session, stepStates(job)[0] as string)).toBe(404);
    expect(storeContainers(session.storeId, 'build')).toEqual([]);
  });
});

describe('an engine killed with SIGKILL mid-step', () => {
  let killStore: string;
  let first: EngineSession | undefined;
  let second: EngineSession | undefined;

  beforeAll(() => {
    killStore = tempStore();
  });

  afterAll(async () => {
    await stopEngine(first);
    await stopEngine(second);
    removeStoreContainers(second?.storeId ?? first?.storeId);
    fs.rmSync(killStore, { recursive: true, force: true });
  });

  it('marks the job interrupted after restart, reports no state of the step, and the same request succeeds', { timeout: SLOW }, async () => {
    const u = unique();
    const request = {
      prepare_kind: 'psql' as const,
      image_id: TEST_IMAGE,
      psql_args: ['-c', `create table k_${u} (x int)`, '-c', `select pg_sleep(6) as ${u}`],
    };
    first = await openSession(killStore);
    const accepted = await first.client.submitPrepareJob(request);
    const stream = (await first.client.prepareJobEvents(accepted.job_id))[Symbol.asyncIterator]();
    await until(stream, (e) => e.type === 'task' && e.task_id === 'execute-1' && e.status === 'running');
    await new Promise((r) => setTimeout(r, 2_500));
    first.engine.child.kill('SIGKILL');
    await first.engine.exit;
    await stream.return?.().catch(() => undefined);

    second = await openSession(killStore);
    expect(second.storeId).toBe(first.storeId);
    const job = await waitForJob(second.client, accepted.job_id);
    expect(job.status).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(job.events.slice(-2).map((e) => [e.type, e.status ?? e.error?.code])).toEqual([
      ['status', 'failed'],
      ['error', 'interrupted'],
    ]);
    const [kept, interrupted] = stepStates(job) as [string, string];
    expect(await stateStatus(second, kept)).toBe(200);
    expect(await stateStatus(second, interrupted)).toBe(404);
    expect((await second.client.listStates()).map((s) => s.state_id)).toEqual([kept]);
    // engine.md §10 step 4: recovery removes the old process's build containers before listening.
    expect.soft(storeContainers(second.storeId, 'build')).toEqual([]);

    const retry = await waitForJob(second.client, (await second.client.submitPrepareJob(request)).job_id);
    expect(retry.status.status).toBe('succeeded');
    expect(cachedFlags(retry)).toEqual([true, false]);
    expect(stepStates(retry)).toEqual([kept, interrupted]);
    expect(await psqlAt(retry.status.result?.dsn as string, `select count(*) from k_${u}`)).toBe('0');
  });
});

describe('job events', () => {
  it('follow a live job in seq order to the terminal event, then replay from a Range', { timeout: SLOW }, async () => {
    const u = unique();
    const accepted = await session.client.submitPrepareJob({
      prepare_kind: 'psql',
      image_id: TEST_IMAGE,
      psql_args: ['-c', `select pg_sleep(2) as ${u}`, '-c', `create table e_${u} (x int)`],
    });
    const live = await session.client.prepareJobEvents(accepted.job_id);
    const ranged = await session.client.prepareJobEvents(accepted.job_id, { fromSeq: 1 });
    expect(live.status).toBe(200);
    expect(ranged.status).toBe(206);
    expect(ranged.contentRange).toMatch(/^events 1-\*\/\d+$/);
    expect((await session.client.getPrepareJob(accepted.job_id)).status).not.toMatch(/^(succeeded|failed)$/);

    const seen: PrepareJobEvent[] = [];
    for await (const event of live) seen.push(event);
    const persisted = seen.filter((e) => e.heartbeat !== true);
    expect(seen.some((e) => e.heartbeat === true)).toBe(true);
    expect(persisted.map((e) => e.seq)).toEqual(persisted.map((_, i) => i));
    expect(persisted.slice(-2).map((e) => [e.type, e.status])).toEqual([
      ['status', 'succeeded'],
      ['result', undefined],
    ]);
    const rangedSeen: PrepareJobEvent[] = [];
    for await (const event of ranged) if (event.heartbeat !== true) rangedSeen.push(event);
    expect(rangedSeen).toEqual(persisted.slice(1));

    const total = persisted.length;
    const full: PrepareJobEvent[] = [];
    for await (const event of await session.client.prepareJobEvents(accepted.job_id)) full.push(event);
    expect(full).toEqual(persisted);

    const n = total - 4;
    const replay = await session.call('GET', `/v1/prepare-jobs/${accepted.job_id}/events`, { headers: { Range: `events=${n}-` } });
    expect([replay.status, replay.headers.get('content-range'), replay.headers.get('accept-ranges')]).toEqual([
      206,
      `events ${n}-${total - 1}/${total}`,
      'events',
    ]);
    const lines = (await replay.text()).trim().split('\n').map((l) => JSON.parse(l) as PrepareJobEvent);
    expect(lines).toEqual(persisted.slice(n));

    const past = await session.call('GET', `/v1/prepare-jobs/${accepted.job_id}/events`, { headers: { Range: `events=${total}-` } });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, `events */${total}`]);
    expect(await past.json()).toEqual({ code: 'range_not_satisfiable', message: `job has ${total} events and is finished` });
  });
});

describe('runs', () => {
  let name: string;
  let instanceId: string;

  beforeAll(async () => {
    name = `run-${unique()}`;
    const job = await prepare(session.client, { name, psql_args: ['-c', `create table r_${name.replaceAll('-', '_')} (x int)`] });
    expect(job.status.status).toBe('succeeded');
    instanceId = job.status.result?.instance_id as string;
  }, SLOW);

  it('streams psql stderr and returns its real non-zero exit code (by name)', { timeout: SLOW }, async () => {
    const run = await runTool(session.client, { instance_ref: name, kind: 'psql', args: ['-c', 'select 1/0'] });
    expect(run.events[0]).toMatchObject({ type: 'start', instance_id: instanceId });
    expect(run.stderr).toContain('ERROR:  division by zero');
    expect(run.last).toMatchObject({ type: 'exit', exit_code: 1 });
  });

  it('runs pgbench -i and then a benchmark with exit code 0 (by id)', { timeout: SLOW }, async () => {
    const init = await runTool(session.client, { instance_ref: instanceId, kind: 'pgbench', args: ['-i'] });
    expect(init.last).toMatchObject({ type: 'exit', exit_code: 0 });
    expect(init.stdout + init.stderr).toContain('done in');
    const bench = await runTool(session.client, { instance_ref: instanceId, kind: 'pgbench', args: ['-c', '2', '-t', '10'] });
    expect(bench.last).toMatchObject({ type: 'exit', exit_code: 0 });
    expect(bench.stdout).toContain('number of transactions actually processed: 20/20');
  });

  it('runs psql -f of an absolute file', { timeout: SLOW }, async () => {
    const dir = sqlDir({ 'query.sql': "select 'from-file-' || (40 + 2);\n" });
    const run = await runTool(session.client, { instance_ref: name, kind: 'psql', args: ['-At', '-f', path.join(dir, 'query.sql')] });
    expect([run.stdout, run.last]).toEqual(['from-file-42\n', expect.objectContaining({ type: 'exit', exit_code: 0 })]);
  });
});

describe('bad prepare inputs', () => {
  const post = async (body: Record<string, unknown>): Promise<{ status: number; body: unknown }> => {
    const res = await session.call('POST', '/v1/prepare-jobs', { body: { prepare_kind: 'psql', image_id: TEST_IMAGE, ...body } });
    return { status: res.status, body: await res.json() };
  };
  const bad = (message: string, issuePath: string, details?: string) => ({
    status: 400,
    body: { code: 'invalid_argument', message, ...(details === undefined ? {} : { details }), issues: [{ path: issuePath, message }] },
  });

  it('answers 400 with a clear message for each rule', async () => {
    const validator = new OpenApiValidator((await (await session.call('GET', '/v1/openapi.json')).json()) as Record<string, unknown>);
    const dir = sqlDir({ 'ok.sql': 'select 1;\n' });
    const cases: [Record<string, unknown>, ReturnType<typeof bad>][] = [
      [{ psql_args: ['-h', 'localhost', '-c', 'select 1'] }, bad('connection flags are not allowed', 'psql_args[0]', '-h')],
      [{ psql_args: ['-Xh', 'localhost', '-c', 'select 1'] }, bad('connection flags are not allowed', 'psql_args[0]', '-h')],
      [{ psql_args: ['postgres://x@y/z'] }, bad('positional arguments are not allowed', 'psql_args[0]', 'postgres://x@y/z')],
      [{ psql_args: ['-f', 'rel/a.sql'] }, bad('file path must be absolute', 'psql_args[1]', 'rel/a.sql')],
      [{ psql_args: ['-f', path.join(dir, 'absent.sql')] }, bad('cannot read file', 'psql_args[1]', `${path.join(dir, 'absent.sql')}: no such file`)],
      [{ psql_args: ['-f', dir] }, bad('cannot read file', 'psql_args[1]', `${dir}: not a regular file`)],
      [{ psql_args: ['-f', '-'] }, bad('stdin is required when using -f -', 'stdin')],
      [{ psql_args: ['-v', 'ON_ERROR_STOP=0', '-f', path.join(dir, 'ok.sql')] }, bad('ON_ERROR_STOP must be set to 1', 'psql_args[1]', 'ON_ERROR_STOP=0')],
      [{ psql_args: ['-c', 'select 1'], bogus: 1 }, bad('unknown field "bogus"', 'bogus')],
      [{ psql_args: '-c select 1' }, { status: 400, body: { code: 'invalid_argument', message: 'psql_args: Invalid input: expected array, received string', issues: [{ path: 'psql_args', message: 'Invalid input: expected array, received string' }] } }],
      [{ psql_args: ['-c', 'select 1'], plan_only: 'yes' }, { status: 400, body: { code: 'invalid_argument', message: 'plan_only: Invalid input: expected boolean, received string', issues: [{ path: 'plan_only', message: 'Invalid input: expected boolean, received string' }] } }],
    ];
    for (const [body, expected] of cases) {
      const answer = await post(body);
      expect({ body, answer }).toEqual({ body, answer: expected });
      validator.check('POST', '/v1/prepare-jobs', 400, answer.body);
    }
    expect(await session.client.listPrepareJobs()).not.toContainEqual(expect.objectContaining({ status: 'queued' }));
  });
});
