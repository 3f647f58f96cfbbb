import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ParsedPsqlArgs, parseDuration, stepArgv } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { Sandbox } from '@sqlrs/runtime';
import { mkdirShared } from './ensure-base.js';
import { flushFilesystem } from './flush-filesystem.js';
import { OutputTail } from './output-tail.js';
import type { JobPlan } from './job-plan.js';
import { executeLbStep } from './lb-execute.js';
import type { PrepareContext } from './prepare-context.js';
import { verifyClosure } from './verify-closure.js';

const SUN_PATH_LIMIT = 107;
const DISK_FULL = /No space left on device|could not extend file/;
/** One 16 MiB WAL segment: the least a step on a CoW clone writes. */
const COW_STEP_HEADROOM = 16 * 1024 * 1024;

/** One uncached step to build. */
export interface StepBuild {
  jobId: string;
  k: number;
  plan: JobPlan;
  /** psql jobs only (null for lb). */
  parsed: ParsedPsqlArgs | null;
  stdin: string | null;
  /** The directory holding the input `pgdata/` (the base or the parent state). */
  parentDir: string;
  signal: AbortSignal;
  log: (message: string) => void;
  /** Called once the build permit is held (the task turns `running` then, api.md §1.9). */
  onPermit: () => void;
  /**
   * Work the job awaits before it ends but not before its next step: removing a successful
   * step's build sandbox and clone.
   */
  defer: (work: Promise<void>) => void;
}

/** Room a step's clone may take before it runs (engine.md §13): the parent's size on a plain copy, one WAL segment on CoW. */
function cloneHeadroom(ctx: PrepareContext, build: StepBuild): number {
  if (ctx.snapshotter.caps.cowClone) return COW_STEP_HEADROOM;
  const step = build.plan.steps[build.k];
  const parent = step?.inputKind === 'state' ? ctx.store.getState(step.inputId)?.sizeAllocatedBytes : ctx.store.getBase(build.plan.baseId)?.sizeAllocatedBytes;
  return parent ?? COW_STEP_HEADROOM;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new SqlrsError('cancelled', 'job cancelled');
}

/** The sandbox's socket dir: inside its directory unless the socket path would pass the sun_path limit. */
export function socketDirFor(ctx: PrepareContext, buildDir: string, jobId: string, k: number | string): string {
  const local = join(buildDir, 'run');
  if (Buffer.byteLength(join(local, '.s.PGSQL.65535')) <= SUN_PATH_LIMIT) return local;
  const uid = process.getuid?.() ?? 0;
  return join('/tmp', `sqlrs-${uid}-${ctx.store.storeId().slice(0, 8)}`, `b${jobId.slice(0, 12)}-${k}`);
}

function inputDirs(build: StepBuild): string[] {
  if (build.plan.psql === null) return [];
  const step = build.plan.psql.steps[build.k];
  const dirs = new Set<string>();
  if (build.plan.psql.cwd !== null) dirs.add(build.plan.psql.cwd);
  for (const entry of step?.closure ?? []) if (entry.kind !== 'include_missing') dirs.add(dirname(entry.path));
  return [...dirs].sort();
}

async function timed<T>(ctx: PrepareContext, op: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    ctx.metrics?.snapshotDurationSeconds.observe({ backend: ctx.snapshotter.kind, op }, (performance.now() - started) / 1000);
  }
}

async function runPsql(ctx: PrepareContext, build: StepBuild, sandbox: Sandbox): Promise<void> {
  const psql = build.plan.psql;
  const step = psql?.steps[build.k];
  if (psql === null || build.parsed === null || step === undefined || step.sourceKind === 'empty') return;
  const { socketDir, innerPort } = sandbox.endpoint;
  const argv = ['psql', ...stepArgv(build.parsed, build.k), '-h', socketDir, '-p', String(innerPort), '-U', 'sqlrs', '-d', 'postgres'];
  const timeoutMs = Math.round(parseDuration(ctx.config().prepare.statementTimeout));
  const env = {
    PGAPPNAME: `sqlrs-build-${build.jobId.slice(0, 8)}-${build.k}`,
    PGOPTIONS: `-c statement_timeout=${timeoutMs}`,
    PGCLIENTENCODING: 'UTF8',
  };
  const source = build.parsed.steps[build.k];
  const tail = new OutputTail();
  await verifyClosure(step.closure, { memo: ctx.store, now: ctx.now });
  const { exitCode } = await ctx.runtime.exec(
    sandbox,
    {
      argv,
      env,
      ...(psql.cwd === null ? {} : { cwd: psql.cwd }),
      ...(source?.kind === 'stdin' ? { stdin: build.stdin ?? '' } : {}),
    },
    (_stream, line) => {
      tail.push(line);
      build.log(`psql: ${line}`);
    },
    build.signal,
  );
  throwIfAborted(build.signal);
  if (exitCode !== 0) {
    const details = tail.text();
    if (DISK_FULL.test(details)) {
      throw new SqlrsError('cache_limit_too_small', 'the disk filled up while the step ran; free space or raise the cache limit', { details });
    }
    throw new SqlrsError('internal_error', `psql exited with code ${exitCode} in step ${build.k} (${step.argsSummary})`, { details });
  }
  await verifyClosure(step.closure, { memo: ctx.store, now: ctx.now });
}

/** Removes a step's sandbox, leftover staging dir, clone and build dir; never rejects. */
async function removeBuild(
  ctx: PrepareContext,
  b: { sandbox: Sandbox | undefined; staging: string | undefined; dataDir: string; buildDir: string },
): Promise<void> {
  if (b.sandbox !== undefined) await ctx.runtime.remove(b.sandbox.ref).catch(() => undefined);
  if (b.staging !== undefined) await ctx.snapshotter.destroy(b.staging).catch(() => undefined);
  await ctx.snapshotter.destroy(b.dataDir).catch(() => undefined);
  await rm(b.buildDir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Builds one state (engine.md §8.1, §8.2, §6.4) whose `building` row the caller holds: build
 * permit, clone of the parent, build server, psql with closure re-checks, clean stop, snapshot to a
 * staging dir, rename, and the `ready` flip. Everything it made is removed whatever happens.
 */
export async function buildState(ctx: PrepareContext, build: StepBuild): Promise<void> {
  const step = build.plan.steps[build.k];
  if (step === undefined) throw new SqlrsError('internal_error', `step ${build.k} is not planned`);
  const release = await ctx.buildPermits.acquire(build.signal);
  build.onPermit();
  const buildDir = ctx.layout.buildDir(build.jobId, build.k);
  const dataDir = join(buildDir, 'data');
  const started = performance.now();
  let sandbox: Sandbox | undefined;
  let staging: string | undefined;
  let succeeded = false;
  let leftovers: Promise<void> = Promise.resolve();
  try {
    throwIfAborted(build.signal);
    await mkdirShared(ctx.layout.tmpDir);
    await rm(buildDir, { recursive: true, force: true });
    await mkdirShared(buildDir);
    await ctx.cache.ensureRoom('prepare_step', cloneHeadroom(ctx, build), build.signal);
    await timed(ctx, 'clone', () => ctx.snapshotter.cloneForBuild(build.parentDir, dataDir));
    throwIfAborted(build.signal);
    sandbox = await ctx.runtime.start({
      purpose: 'build',
      ownerId: build.jobId,
      storeId: ctx.store.storeId(),
      image: build.plan.image,
      dataDir,
      socketDir: socketDirFor(ctx, buildDir, build.jobId, build.k),
      settings: build.plan.buildSettings,
      inputDirs: inputDirs(build),
      readyDeadlineMs: 30_000,
    });
    throwIfAborted(build.signal);
    if (build.plan.lb !== null) {
      await executeLbStep(ctx, { jobId: build.jobId, k: build.k, lb: build.plan.lb, sandbox, signal: build.signal, log: build.log });
    } else {
      await runPsql(ctx, build, sandbox);
    }
    await ctx.runtime.stop(sandbox, { mode: 'fast', timeoutMs: ctx.stopTimeoutMs });
    throwIfAborted(build.signal);
    const statesDir = ctx.layout.statesDir(build.plan.version);
    await mkdirShared(statesDir);
    const consume = ctx.snapshotter.caps.snapshotMayConsumeSource;
    // A CoW snapshot or a rename adds nothing; a plain copy doubles the build's data.
    await ctx.cache.ensureRoom('snapshot', ctx.snapshotter.caps.cowClone || consume ? 0 : cloneHeadroom(ctx, build), build.signal);
    staging = ctx.layout.stagingStateDir(build.plan.version, step.outputStateId, ctx.nonce());
    const into = staging;
    const captured = timed(ctx, 'capture', () => ctx.snapshotter.snapshot(dataDir, into, { consumeSource: consume })).then(() =>
      timed(ctx, 'flush', () => flushFilesystem(into)),
    );
    // The stopped clone holds what the snapshot holds: measure it while the capture writes back
    // (a consumed source is gone, so then the state is measured). btrfs exclusive bytes come later.
    const early = consume ? undefined : ctx.snapshotter.sizeOf(dataDir, { exclusive: false }).catch(() => undefined);
    const [measured] = await Promise.all([early, captured]);
    const size = measured ?? (await ctx.snapshotter.sizeOf(staging, { exclusive: false }));
    const finalDir = ctx.layout.stateDir(build.plan.version, step.outputStateId);
    await ctx.snapshotter.destroy(finalDir);
    await rename(staging, finalDir);
    staging = undefined;
    const readyAt = ctx.now();
    const minAge = parseDuration(ctx.config().cache.capacity.minStateAge);
    ctx.store.markStateReady(
      step.outputStateId,
      { readyAt, sizeApparentBytes: size.apparent, sizeAllocatedBytes: size.allocated, minRetentionUntil: readyAt + Math.round(minAge) },
      [{ ts: readyAt, actor: 'engine', action: 'state.created', objectId: step.outputStateId, jobId: build.jobId, details: { size_bytes: size.allocated } }],
    );
    ctx.metrics?.stateBuildDurationSeconds.observe({ kind: build.plan.kind }, (performance.now() - started) / 1000);
    ctx.metrics?.snapshotSizeBytes.observe({ backend: ctx.snapshotter.kind }, size.allocated);
    // The new state is pinned by its job; older ones may have to make room now.
    void ctx.cache.enforce('metadata_commit');
    succeeded = true;
  } finally {
    leftovers = removeBuild(ctx, { sandbox, staging, dataDir, buildDir });
    release();
    // A failed step cleans up before it reports; a good one lets the next step start meanwhile.
    if (succeeded) build.defer(leftovers);
    else await leftovers;
  }
  void leftovers.then(() => measureExclusive(ctx, step.outputStateId, ctx.layout.stateDir(build.plan.version, step.outputStateId)));
}

/**
 * engine.md §13: a btrfs state's exclusive bytes, measured in the background once its build clone
 * is gone (while the clone exists the state shares every extent with it and measures ~0).
 */
async function measureExclusive(ctx: PrepareContext, stateId: string, dir: string): Promise<void> {
  if (!ctx.snapshotter.caps.exclusiveSizes) return;
  try {
    await ctx.snapshotter.awaitFree();
    const size = await ctx.snapshotter.sizeOf(dir);
    if (size.exclusive === undefined || ctx.store.getState(stateId)?.status !== 'ready') return;
    ctx.store.setStateSizes(stateId, { sizeExclusiveBytes: size.exclusive, sizeAllocatedBytes: size.allocated, sizeMeasuredAt: ctx.now() });
  } catch (error) {
    // Evicted or deleted meanwhile, or btrfs refused: the allocated size stays the estimate.
    ctx.logger.debug({ err: error, stateId }, 'cache: exclusive size not measured');
  }
}
