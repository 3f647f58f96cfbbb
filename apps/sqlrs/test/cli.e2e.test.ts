// Issue 8 acceptance through the built CLI with a real engine and real Docker: auto-start, prepare
// prints a working DSN, the cache serves a repeat, run exits with the tool's code, json everywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cleanupStore,
  prerequisitesMissing,
  psqlAt,
  requireOrSkip,
  sqlDir,
  sqlrs,
  storeIdOf,
  tempStore,
  unique,
} from './cli-e2e-harness.js';

const SLOW = 180_000;
const u = unique();
let missing: string | undefined;
let store: string;
let storeId: string | undefined;
let dir: string;

beforeAll(() => {
  assertBuilt();
  missing = requireOrSkip(prerequisitesMissing());
  store = tempStore();
  dir = sqlDir({
    'schema.sql': `create table item_${u} (id int primary key, name text not null);\n\\ir data.sql\n`,
    'data.sql': `insert into item_${u} values (1, 'apple'), (2, 'pear');\n`,
    'bad.sql': 'select 1/0;\n',
  });
});

afterAll(async () => {
  await cleanupStore(store, storeId);
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

function ready(t: TestContext): void {
  if (missing !== undefined) t.skip(missing);
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('sqlrs against a real engine', () => {
  it('starts the engine on the first command', { timeout: 60_000 }, async (t) => {
    ready(t);
    expect((await sqlrs(store, ['engine', 'status'])).code).toBe(69);
    const first = await sqlrs(store, ['ls']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^sqlrs: started engine pid \d+ on 127\.0\.0\.1:\d+\n$/);
    expect(first.stdout).toBe('INSTANCES\n(none)\n\nNAMES\n(none)\n');
    expect(fs.existsSync(path.join(store, 'engine.json'))).toBe(true);
    const again = await sqlrs(store, ['engine', 'status', '-o', 'json']);
    expect([again.code, json(again.stdout)['running']]).toEqual([0, true]);
    storeId = await storeIdOf(store);
  });

  it('prints a working DSN alone on stdout; the identical prepare is served from the cache', { timeout: SLOW }, async (t) => {
    ready(t);
    const first = await sqlrs(store, ['prepare:psql', '--name', `dev-${u}`, '--', '-f', 'schema.sql'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^postgres:\/\/sqlrs:[^@\s]+@127\.0\.0\.1:\d+\/postgres\n$/);
    expect(first.stderr).toContain(`sqlrs: execute-0 running: -f ${dir}/schema.sql\n`);
    expect(await psqlAt(first.stdout.trim(), `select string_agg(name, ',' order by id) from item_${u}`)).toBe('apple,pear');

    const second = await sqlrs(store, ['prepare:psql', '--', '-f', 'schema.sql'], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('sqlrs: execute-0 succeeded (cached)\n');
    expect(second.stdout).not.toBe(first.stdout);
    expect(await psqlAt(second.stdout.trim(), `select count(*) from item_${u}`)).toBe('2');
  });

  it('run:psql and run:pgbench exit with the tool’s own code', { timeout: SLOW }, async (t) => {
    ready(t);
    const ok = await sqlrs(store, ['run:psql', `dev-${u}`, '--', '-XAt', '-c', `select count(*) from item_${u}`]);
    expect([ok.code, ok.stdout]).toEqual([0, '2\n']);
    const failing = await sqlrs(store, ['run:psql', `dev-${u}`, '--', '-c', 'select 1/0']);
    expect([failing.code, failing.stderr]).toEqual([1, 'ERROR:  division by zero\n']);
    const script = await sqlrs(store, ['run:psql', `dev-${u}`, '--', '-v', 'ON_ERROR_STOP=1', '-f', 'bad.sql'], { cwd: dir });
    expect(script.code).toBe(3);
    const piped = await sqlrs(store, ['run:psql', `dev-${u}`, '--', '-XAt', '-f', '-'], { stdin: 'select 40 + 2;' });
    expect([piped.code, piped.stdout]).toEqual([0, '42\n']);
    const bench = await sqlrs(store, ['run:pgbench', `dev-${u}`, '--', '-i', '-s', '1', '-q']);
    expect(bench.code, bench.stderr).toBe(0);
  });

  it('prepare:psql … run:psql … runs on a new instance and exits with the tool’s code', { timeout: SLOW }, async (t) => {
    ready(t);
    const ok = await sqlrs(store, ['prepare:psql', '--', '-f', 'schema.sql', 'run:psql', '--', '-XAt', '-c', `select max(id) from item_${u}`], { cwd: dir });
    expect([ok.code, ok.stdout]).toEqual([0, '2\n']);
    const failing = await sqlrs(store, ['prepare:psql', '--', '-f', 'schema.sql', 'run:psql', '--', '-c', 'select 1/0'], { cwd: dir });
    expect(failing.code).toBe(1);
  });

  it('exits 65 when the job fails and 64 when the engine rejects the arguments', { timeout: SLOW }, async (t) => {
    ready(t);
    const failed = await sqlrs(store, ['prepare:psql', '--', '-f', 'bad.sql'], { cwd: dir });
    expect(failed.code).toBe(65);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('division by zero');
    const rejected = await sqlrs(store, ['prepare:psql', '--', '-h', 'db', '-c', 'select 1']);
    expect([rejected.code, rejected.stderr]).toEqual([64, 'sqlrs: connection flags are not allowed\n  -h\n  psql_args[0]: connection flags are not allowed\n']);
  });

  it('--output json prints one parsable document for every command', { timeout: SLOW }, async (t) => {
    ready(t);
    // `-o json` goes before `--` for commands with tool arguments.
    const j = async (args: string[], options: { cwd?: string } = {}): Promise<Record<string, unknown>> => {
      const dash = args.indexOf('--');
      const full = dash < 0 ? [...args, '-o', 'json'] : [...args.slice(0, dash), '-o', 'json', ...args.slice(dash)];
      const r = await sqlrs(store, full, options);
      expect(r.code, `${full.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout.trim().split('\n'), full.join(' ')).toHaveLength(1);
      return json(r.stdout);
    };

    expect(await j(['engine', 'start'])).toMatchObject({ running: true, started: false });
    expect(await j(['engine', 'status'])).toMatchObject({ running: true });
    expect(await j(['status'])).toMatchObject({ engine: { runtime: { kind: 'docker', ok: true } } });
    const prepared = await j(['prepare:psql', '--', '-f', 'schema.sql'], { cwd: dir });
    expect(prepared).toMatchObject({ status: 'succeeded', result: { prepare_kind: 'psql' } });
    const jobId = prepared['job_id'] as string;
    expect(await j(['plan:psql', '--', '-f', 'schema.sql'], { cwd: dir })).toMatchObject({ plan_only: true, status: 'succeeded' });
    const listed = await j(['ls', '--all']);
    expect(Object.keys(listed)).toEqual(['instances', 'names', 'states', 'jobs', 'tasks']);
    const queued = await j(['prepare:psql', '--no-watch', '--', '-c', `select 'nowatch_${u}'`]);
    expect(queued).toMatchObject({ status: 'queued' });
    expect(await j(['watch', (queued['job_id'] as string).slice(0, 10)])).toMatchObject({ status: 'succeeded' });
    expect(await j(['cancel', jobId])).toMatchObject({ job_id: jobId, status: 'succeeded' });
    expect(await j(['run:psql', `dev-${u}`, '--', '-XAt', '-c', 'select 5'])).toMatchObject({ exit_code: 0, stdout: '5\n' });
    expect(await j(['prepare:psql', '--', '-c', 'select 1', 'run:psql', '--', '-XAt', '-c', 'select 6'])).toMatchObject({ exit_code: 0, stdout: '6\n' });
    expect(await j(['cache', 'explain', 'prepare:psql', '--', '-f', 'schema.sql'], { cwd: dir })).toMatchObject({ decision: 'hit', cached_steps: 1 });
    expect(await j(['config', 'set', 'log.level', 'debug'])).toEqual({ path: 'log.level', value: 'debug', restart_required: false });
    expect(await j(['config', 'get', 'log.level'])).toEqual({ path: 'log.level', value: 'debug' });
    expect(await j(['config', 'rm', 'log.level'])).toMatchObject({ path: 'log.level', value: 'info' });
    expect(await j(['config', 'get'])).toEqual({});
    expect(await j(['rm', '--dry-run', jobId])).toMatchObject({ dry_run: true, outcome: 'would_delete', root: { kind: 'job', id: jobId } });
    expect(await j(['rm', jobId])).toMatchObject({ outcome: 'deleted' });
    expect(await j(['completion', 'bash'])).toMatchObject({ shell: 'bash' });
  });

  it('engine stop shuts the engine down; status then reports it gone', { timeout: 60_000 }, async (t) => {
    ready(t);
    const stopped = await sqlrs(store, ['engine', 'stop', '-o', 'json']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ running: false, stopped: true });
    expect(fs.existsSync(path.join(store, 'engine.json'))).toBe(false);
    expect((await sqlrs(store, ['engine', 'status'])).code).toBe(69);
    expect(JSON.parse((await sqlrs(store, ['engine', 'stop', '-o', 'json'])).stdout)).toEqual({ running: false, stopped: false });
  });
});
