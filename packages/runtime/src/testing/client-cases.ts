import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ChunkSink, Sandbox } from '../runtime.js';
import type { CaseHost } from './case-host.js';
import type { ContractContext } from './contract-context.js';
import { query } from './contract-context.js';

const PASSWORD = 'client-secret';

/** A `ChunkSink` that records chunks, and the decoded text of each stream. */
function chunkRecorder(): { out: ChunkSink; text: (stream: 'stdout' | 'stderr') => string; order: string[] } {
  const chunks = { stdout: [] as Uint8Array[], stderr: [] as Uint8Array[] };
  const order: string[] = [];
  return {
    out: {
      stdout: (chunk) => (chunks.stdout.push(chunk), order.push('stdout')),
      stderr: (chunk) => (chunks.stderr.push(chunk), order.push('stderr')),
    },
    text: (stream) => Buffer.concat(chunks[stream]).toString('utf8'),
    order,
  };
}

/** The PG* environment a run gets (engine.md §8.4). */
function runEnv(sandbox: Sandbox, appName = 'sqlrs-run-contract'): Record<string, string> {
  return {
    PGHOST: '127.0.0.1',
    PGPORT: String(sandbox.endpoint.innerPort),
    PGUSER: 'sqlrs',
    PGDATABASE: 'postgres',
    PGPASSWORD: PASSWORD,
    PGAPPNAME: appName,
  };
}

async function startWithPassword(ctx: ContractContext, inputDirs?: string[]): Promise<Sandbox> {
  const sandbox = await ctx.start(ctx.spec(await ctx.newDirs(), inputDirs === undefined ? {} : { inputDirs }));
  await query(sandbox, { socket: true }, `ALTER ROLE sqlrs PASSWORD '${PASSWORD}'`);
  return sandbox;
}

/** runClient: a run's psql/pgbench over TCP with the password, chunks, exit codes, stdin, abort (engine.md §8.4). */
export function clientCases(host: CaseHost): void {
  it('runClient streams psql output over TCP and returns its real exit codes', async (t) => {
    const ctx = host.context(t);
    const sandbox = await startWithPassword(ctx);
    const ok = chunkRecorder();
    const never = new AbortController().signal;
    const env = runEnv(sandbox);
    expect(await ctx.runtime.runClient(sandbox, { argv: ['psql', '-X', '-At', '-c', 'SELECT 6 * 7'], env, inputDirs: [] }, ok.out, never)).toEqual({
      exitCode: 0,
    });
    expect({ stdout: ok.text('stdout'), stderr: ok.text('stderr') }).toEqual({ stdout: '42\n', stderr: '' });
    const bad = chunkRecorder();
    const argv = ['psql', '-X', '-v', 'ON_ERROR_STOP=1', '-c', 'SELECT 1/0'];
    expect(await ctx.runtime.runClient(sandbox, { argv, env, inputDirs: [] }, bad.out, never)).toEqual({ exitCode: 1 });
    expect({ stdout: bad.text('stdout'), stderr: bad.text('stderr') }).toEqual({ stdout: '', stderr: 'ERROR:  division by zero\n' });
    const denied = chunkRecorder();
    const wrong = { ...env, PGPASSWORD: 'wrong' };
    expect(await ctx.runtime.runClient(sandbox, { argv: ['psql', '-X', '-c', 'SELECT 1'], env: wrong, inputDirs: [] }, denied.out, never)).toEqual({
      exitCode: 2,
    });
    expect(denied.text('stderr')).toContain('password authentication failed for user "sqlrs"');
    await ctx.runtime.remove(sandbox.ref);
  });

  it('runClient feeds stdin (half-closed) and reads -f files from read-only input dirs', async (t) => {
    const ctx = host.context(t);
    const dir = await mkdtemp(join(tmpdir(), 'sqlrs-contract-run-'));
    try {
      const file = join(dir, 'run.sql');
      await writeFile(file, "SELECT 'from-file';\n", { mode: 0o644 });
      const sandbox = await startWithPassword(ctx);
      const rec = chunkRecorder();
      const never = new AbortController().signal;
      const spec = { argv: ['psql', '-X', '-At', '-f', file, '-f', '-'], env: runEnv(sandbox), cwd: dir, inputDirs: [dir], stdin: "SELECT 'from-stdin';\n" };
      expect(await ctx.runtime.runClient(sandbox, spec, rec.out, never)).toEqual({ exitCode: 0 });
      expect(rec.text('stdout')).toEqual('from-file\nfrom-stdin\n');
      await ctx.runtime.remove(sandbox.ref);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runClient runs pgbench and an abort kills the tool (exit 128 + signal)', async (t) => {
    const ctx = host.context(t);
    const sandbox = await startWithPassword(ctx);
    const never = new AbortController().signal;
    const bench = chunkRecorder();
    const init = await ctx.runtime.runClient(sandbox, { argv: ['pgbench', '-i', '-s', '1', '-q'], env: runEnv(sandbox), inputDirs: [] }, bench.out, never);
    expect({ init, done: bench.text('stderr').includes('done in') }).toEqual({ init: { exitCode: 0 }, done: true });
    const abort = new AbortController();
    const slow = chunkRecorder();
    const started = Date.now();
    const running = ctx.runtime.runClient(sandbox, { argv: ['psql', '-X', '-c', 'SELECT pg_sleep(60)'], env: runEnv(sandbox), inputDirs: [] }, slow.out, abort.signal);
    setTimeout(() => abort.abort(), 500);
    const result = await running;
    expect(result.exitCode === 128 + 15 || result.exitCode === 128 + 9).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    await ctx.runtime.remove(sandbox.ref);
  });
}
