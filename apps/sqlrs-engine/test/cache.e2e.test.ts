// Issue 7 acceptance, end to end through the built engine with the process runtime and real
// PostgreSQL: a small cache limit on a plain directory (copy backend, usage = state sizes) and on
// a btrfs loop mount of its own (usage = statfs), eviction order and protection, rebuilding an
// evicted state, concurrent prepares racing eviction, and status/explain against the store.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CacheStatus, PrepareJobRequest } from '@sqlrs/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, tempStore } from './engine-process.js';
import { type EngineSession, type FinishedJob, cachedFlags, openSession, psqlAt, stepStates, stopEngine, unique, waitForJob } from './prepare-e2e-harness.js';

const SLOW = 600_000;
const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOOP_STORE = path.join(ROOT, 'scripts/loop-store.sh');
const MB = 1024 * 1024;

function missingPrerequisite(): string | undefined {
  if (process.getuid?.() !== 0) return 'the cache tests need root (a btrfs loop mount, postgres as its own user)';
  try {
    execFileSync('pg_config', ['--bindir'], { stdio: 'pipe' });
    execFileSync('mkfs.btrfs', ['--version'], { stdio: 'pipe' });
  } catch (error) {
    return `host PostgreSQL or btrfs-progs missing (${(error as Error).message}); run scripts/provision.sh`;
  }
  return undefined;
}
const missing = missingPrerequisite();
if (missing !== undefined && process.env.CI === 'true') throw new Error(missing);
const describeReal = missing === undefined ? describe : describe.skip;
if (missing !== undefined) process.stderr.write(`cache.e2e skipped: ${missing}\n`);

const sessions: EngineSession[] = [];
const cleanups: (() => void)[] = [];

afterAll(async () => {
  // Instances outlive the engine by design: remove them through the API before it stops.
  for (const s of sessions) {
    if (s.engine.child.exitCode !== null) continue;
    const res = await s.call('GET', '/v1/instances');
    const instances = res.status === 200 ? ((await res.json()) as { instance_id: string }[]) : [];
    for (const i of instances) await (await s.call('DELETE', `/v1/instances/${i.instance_id}?force=true`)).body?.cancel();
    await stopEngine(s);
  }
  for (const cleanup of cleanups.reverse()) cleanup();
});

/** A process-runtime engine on `store` with the given backend and cache policy. */
async function engineOn(store: string, backend: 'copy' | 'btrfs', capacity: Record<string, unknown>): Promise<EngineSession> {
  fs.writeFileSync(
    path.join(store, 'config.json'),
    `${JSON.stringify({ runtime: { kind: 'process' }, snapshot: { backend }, orchestrator: { jobs: { maxIdentical: 0 } }, cache: { capacity } })}\n`,
  );
  const session = await openSession(store);
  sessions.push(session);
  return session;
}

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
}

function request(steps: string[], extra: Partial<PrepareJobRequest> = {}): PrepareJobRequest {
  return { prepare_kind: 'psql', image_id: 'postgres:15', psql_args: steps.flatMap((sql) => ['-c', sql]), ...extra } as PrepareJobRequest;
}

async function prepared(s: EngineSession, steps: string[], extra: Partial<PrepareJobRequest> = {}): Promise<FinishedJob> {
  const accepted = await s.client.submitPrepareJob(request(steps, extra));
  const job = await waitForJob(s.client, accepted.job_id);
  expect(job.status.status, JSON.stringify(job.status.error)).toBe('succeeded');
  return job;
}

async function deleteInstance(s: EngineSession, job: FinishedJob): Promise<void> {
  const res = await s.call('DELETE', `/v1/instances/${job.status.result?.instance_id}?force=true`);
  expect(res.status, await res.clone().text()).toBe(200);
}

async function status(s: EngineSession): Promise<CacheStatus> {
  return json<CacheStatus>(await s.call('GET', '/v1/cache/status'));
}

async function stateExists(s: EngineSession, stateId: string): Promise<boolean> {
  const res = await s.call('GET', `/v1/states/${stateId}`);
  await res.body?.cancel();
  return res.status === 200;
}

/** Waits for the eviction pass a finished step triggers in the background. */
async function settledUnderHigh(s: EngineSession): Promise<CacheStatus> {
  let last = await status(s);
  for (let i = 0; i < 100 && last.usage_bytes > last.high_watermark * last.effective_max_bytes; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    last = await status(s);
  }
  return last;
}

/** Every `ready` state row of the API has its cluster on disk. */
function stateDirs(store: string): Map<string, string> {
  const found = new Map<string, string>();
  const engines = path.join(store, 'engines', 'postgres');
  for (const version of fs.existsSync(engines) ? fs.readdirSync(engines) : []) {
    const states = path.join(engines, version, 'states');
    for (const id of fs.existsSync(states) ? fs.readdirSync(states) : []) found.set(id, path.join(states, id));
  }
  return found;
}

/**
 * The scenario of the issue on one store: a named instance's state and a chain of distinct states
 * whose instances are deleted; the limit holds about three of them.
 */
async function boundedCacheScenario(s: EngineSession, rows: number, setLimit: (oneStateBytes: number, usageNow: number) => Promise<void>): Promise<void> {
  const tag = unique();
  const kept = await prepared(s, [`create table kept_${tag} as select 1 as id`], { name: `kept-${tag}` });
  const keptState = stepStates(kept)[0] as string;
  const before = await status(s);
  const first = await prepared(s, [`create table t0_${tag} as select g from generate_series(1, ${rows}) g`]);
  await deleteInstance(s, first);
  const after = await status(s);
  const oneState = Math.max(after.usage_bytes - before.usage_bytes, MB);
  await setLimit(oneState, after.usage_bytes);
  const built: string[] = [stepStates(first)[0] as string];
  for (let i = 1; i <= 5; i += 1) {
    const job = await prepared(s, [`create table t${i}_${tag} as select g from generate_series(1, ${rows}) g`]);
    await deleteInstance(s, job);
    built.push(stepStates(job)[0] as string);
    const now = await settledUnderHigh(s);
    expect(now.usage_bytes, JSON.stringify(now)).toBeLessThanOrEqual(now.high_watermark * now.effective_max_bytes);
  }
  const alive = await Promise.all(built.map((id) => stateExists(s, id)));
  // Least recently used first: once one state is gone, every older one is gone too.
  const firstAlive = alive.indexOf(true);
  expect(firstAlive, `alive: ${alive.join(',')}`).toBeGreaterThan(0);
  expect(alive.slice(firstAlive).every(Boolean), `alive: ${alive.join(',')}`).toBe(true);
  expect(await stateExists(s, keptState)).toBe(true);
  expect(await psqlAt(kept.status.result?.dsn as string, `select count(*) from kept_${tag}`)).toBe('1');
  const evictions = await json<{ last_eviction: unknown }>(await s.call('GET', '/v1/cache/status'));
  expect(evictions.last_eviction).not.toBeNull();
  // The evicted oldest state is rebuilt by the identical request, and its data is right.
  const again = await prepared(s, [`create table t0_${tag} as select g from generate_series(1, ${rows}) g`]);
  expect(cachedFlags(again)).toEqual([false]);
  expect(stepStates(again)).toEqual([built[0]]);
  expect(await psqlAt(again.status.result?.dsn as string, `select count(*) from t0_${tag}`)).toBe(String(rows));
  await deleteInstance(s, again);
}

describeReal('bounded cache on a plain directory (copy backend)', () => {
  it('keeps usage under the high watermark, evicts LRU leaves, protects named instances, rebuilds on demand', { timeout: SLOW }, async () => {
    assertBuilt();
    const store = tempStore();
    cleanups.push(() => fs.rmSync(store, { recursive: true, force: true }));
    const s = await engineOn(store, 'copy', { reserveBytes: 0, minStateAge: '0s' });
    await boundedCacheScenario(s, 50_000, async (one, usage) => {
      const res = await s.call('PATCH', '/v1/config', { body: { path: 'cache.capacity.maxBytes', value: Math.round((usage + 2 * one) / 0.9) } });
      expect(res.status).toBe(200);
    });
  });
});

describeReal('bounded cache on a btrfs mount of its own', () => {
  it('measures usage with statfs and stays under the high watermark the same way', { timeout: SLOW }, async () => {
    assertBuilt();
    const mnt = fs.mkdtempSync(path.join('/var/tmp', 'sqlrs-cache-btrfs-'));
    execFileSync('bash', [LOOP_STORE, 'create', 'btrfs', mnt, '2G'], { stdio: 'pipe' });
    cleanups.push(() => {
      execFileSync('bash', [LOOP_STORE, 'remove', mnt], { stdio: 'ignore' });
      fs.rmSync(mnt, { recursive: true, force: true });
    });
    fs.chmodSync(mnt, 0o711);
    const s = await engineOn(mnt, 'btrfs', { reserveBytes: 0, minStateAge: '0s' });
    // The mount is the store root, so usage is what statfs says is used (engine.md §13).
    const st = await status(s);
    const df = fs.statfsSync(mnt);
    expect(Math.abs(st.usage_bytes - (df.blocks - df.bavail) * df.bsize)).toBeLessThan(16 * MB);
    expect(st.store_total_bytes).toBe(df.blocks * df.bsize);
    expect(st.snapshot_backend).toBe('btrfs');
    // CoW states share the base: make each one big enough to stand out of filesystem noise.
    await boundedCacheScenario(s, 1_000_000, async (one, now) => {
      const res = await s.call('PATCH', '/v1/config', { body: { path: 'cache.capacity.maxBytes', value: Math.round((now + 2 * one) / 0.9) } });
      expect(res.status).toBe(200);
    });
  });
});

describeReal('concurrent prepares racing eviction', () => {
  it('never fail because a state vanished, and every state row keeps its data', { timeout: SLOW }, async () => {
    assertBuilt();
    const store = tempStore();
    cleanups.push(() => fs.rmSync(store, { recursive: true, force: true }));
    const s = await engineOn(store, 'copy', { reserveBytes: 0, minStateAge: '0s' });
    // Measure one small state, then allow the base, the probe and about eight more of the fifteen
    // states the workload makes: it keeps evicting, yet three concurrent chains (two pinned states
    // each, plus the room a plain-copy build asks for) always fit.
    const probe = await prepared(s, ['select 1']);
    await deleteInstance(s, probe);
    const [probeState] = stepStates(probe) as [string];
    const one = (await json<{ size_bytes: number }>(await s.call('GET', `/v1/states/${probeState}`))).size_bytes;
    const limit = Math.round((await status(s)).usage_bytes + 8 * one);
    expect((await s.call('PATCH', '/v1/config', { body: { path: 'cache.capacity.maxBytes', value: limit } })).status).toBe(200);
    const seconds = Number(process.env.SQLRS_CACHE_SOAK_SECONDS ?? 120);
    const until = Date.now() + seconds * 1000;
    const tag = unique();
    const failures: string[] = [];
    let jobs = 0;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; Date.now() < until; i += 1) {
        // Chains over a small pool share prefixes, so parents, cache hits and rebuilds all happen.
        const a = (w + i) % 3;
        const b = (w * 7 + i) % 4;
        const accepted = await s.client.submitPrepareJob(request([`create table a${a}_${tag} (id int)`, `create table b${b}_${tag} (id int)`]));
        const job = await waitForJob(s.client, accepted.job_id);
        jobs += 1;
        if (job.status.status !== 'succeeded') failures.push(JSON.stringify(job.status.error));
        else await deleteInstance(s, job);
      }
    };
    const churn = async (): Promise<void> => {
      // Config changes run extra eviction passes while jobs plan and clone.
      for (let i = 0; Date.now() < until; i += 1) {
        await s.call('PATCH', '/v1/config', { body: { path: 'cache.capacity.lowWatermark', value: i % 2 === 0 ? 0.3 : 0.8 } });
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await Promise.all([worker(0), worker(1), worker(2), churn()]);
    expect(failures).toEqual([]);
    expect(jobs).toBeGreaterThan(6);
    const rows = await json<{ state_id: string; status?: string }[]>(await s.call('GET', '/v1/states'));
    const dirs = stateDirs(store);
    for (const row of rows) expect(fs.existsSync(path.join(dirs.get(row.state_id) ?? '/nonexistent', 'pgdata', 'PG_VERSION')), row.state_id).toBe(true);
    // The limit was small enough that the run really raced eviction.
    expect((await status(s)).last_eviction, `limit ${limit}, one state ${one}`).not.toBeNull();
  });
});

describeReal('cache status and explain', () => {
  it('match what the store holds', { timeout: SLOW }, async () => {
    assertBuilt();
    const store = tempStore();
    cleanups.push(() => fs.rmSync(store, { recursive: true, force: true }));
    const s = await engineOn(store, 'copy', { reserveBytes: 0, minStateAge: '1h' });
    const tag = unique();
    const job = await prepared(s, [`create table x_${tag} (id int)`, `create table y_${tag} (id int)`]);
    const [first, second] = stepStates(job) as [string, string];
    const st = await status(s);
    const rows = await json<{ state_id: string }[]>(await s.call('GET', '/v1/states'));
    expect(st.state_count).toBe(rows.length);
    expect(st.state_count).toBe(2);
    // Young states (minStateAge 1h) and the parent / the state with an instance are all blocked.
    expect(st.blocked_count).toBe(2);
    expect(st.reclaimable_bytes).toBe(0);
    expect(st.min_state_age).toBe('1h0m0s');
    expect(st.snapshot_backend).toBe('copy');
    const df = fs.statfsSync(store);
    expect(st.store_total_bytes).toBe(df.blocks * df.bsize);
    const explainHit = await json<{ decision: string; matched_state_id: string | null; cached_steps: number }>(
      await s.call('POST', '/v1/cache/explain/prepare', { body: request([`create table x_${tag} (id int)`, `create table y_${tag} (id int)`]) }),
    );
    expect(explainHit).toMatchObject({ decision: 'hit', matched_state_id: second, cached_steps: 2 });
    const explainMiss = await json<{ decision: string; cached_steps: number; steps: { output_state_id: string; cached: boolean }[] }>(
      await s.call('POST', '/v1/cache/explain/prepare', { body: request([`create table x_${tag} (id int)`, 'select 2']) }),
    );
    expect(explainMiss.decision).toBe('miss');
    expect(explainMiss.cached_steps).toBe(1);
    expect(explainMiss.steps[0]).toMatchObject({ output_state_id: first, cached: true });
    await deleteInstance(s, job);
  });
});
