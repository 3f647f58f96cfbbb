import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { StoreLayout } from '@sqlrs/statefs';
import type { JobRecord, StateRecord } from '@sqlrs/store';
import { finishJob } from './job-finish.js';
import type { PrepareContext } from './prepare-context.js';

/** Failed state rows older than this are purged at startup (engine.md §4.1). */
const FAILED_STATE_RETENTION_MS = 24 * 3600 * 1000;

/** Counts of what startup recovery removed or changed (engine.md §10 steps 2, 3, 6). */
export interface RecoveryReport {
  tmpEntries: number;
  stagingDirs: number;
  buildingStates: number;
  lostStates: number;
  missingStates: number;
  orphanStateDirs: number;
  purgedFailedStates: number;
  interruptedJobs: number;
  timedOutJobs: number;
  /** Build, plan and base-init sandboxes of the previous engine process, removed (never adopted). */
  staleSandboxes: number;
  /** Queued jobs to start, oldest first. */
  queuedJobs: string[];
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function destroy(ctx: PrepareContext, path: string): Promise<void> {
  await ctx.snapshotter.destroy(path).catch(() => undefined);
  await rm(path, { recursive: true, force: true }).catch(() => undefined);
}

function stateDirOf(ctx: PrepareContext, state: StateRecord): string | undefined {
  const image = ctx.store.getImage(state.imageKey);
  if (image === undefined) return undefined;
  return ctx.layout.stateDir(StoreLayout.postgresVersion(image.pgMajor, state.baseId), state.stateId);
}

async function recoverStates(ctx: PrepareContext, report: RecoveryReport): Promise<void> {
  const at = ctx.now();
  const states = ctx.store.listStates();
  const hasChild = (id: string): boolean => ctx.store.listStates().some((s) => s.parentStateId === id);
  for (const state of states) {
    const dir = stateDirOf(ctx, state);
    if (state.status === 'building') {
      if (dir !== undefined) await destroy(ctx, dir);
      try {
        ctx.store.deleteStates([state.stateId]);
      } catch {
        ctx.store.markStateFailed(state.stateId, JSON.stringify({ code: 'interrupted', message: 'the engine stopped while the state was built' }));
      }
      report.buildingStates += 1;
    } else if (state.status === 'ready' && (dir === undefined || !(await exists(join(dir, 'pgdata', 'PG_VERSION'))))) {
      const audit = [{ ts: at, actor: 'engine' as const, action: 'state.lost' as const, objectId: state.stateId }];
      if (hasChild(state.stateId) || state.refcount > 0) {
        ctx.store.markStateMissing(state.stateId, audit);
        report.missingStates += 1;
      } else {
        ctx.store.deleteStates([state.stateId], audit);
        report.lostStates += 1;
      }
    } else if (state.status === 'failed' && at - state.createdAt > FAILED_STATE_RETENTION_MS && !hasChild(state.stateId)) {
      try {
        ctx.store.deleteStates([state.stateId]);
        report.purgedFailedStates += 1;
      } catch {
        // Still referenced; the next start tries again.
      }
    }
  }
}

async function sweepDirs(ctx: PrepareContext, report: RecoveryReport): Promise<void> {
  for (const name of await entries(ctx.layout.tmpDir)) {
    await destroy(ctx, join(ctx.layout.tmpDir, name));
    report.tmpEntries += 1;
  }
  for (const version of await entries(ctx.layout.postgresDir)) {
    const statesDir = ctx.layout.statesDir(version);
    for (const name of await entries(statesDir)) {
      if (!StoreLayout.isStagingName(name)) continue;
      await destroy(ctx, join(statesDir, name));
      report.stagingDirs += 1;
    }
  }
}

async function sweepOrphans(ctx: PrepareContext, report: RecoveryReport): Promise<void> {
  const kept = new Set(ctx.store.listStates({ statuses: ['ready'] }).map((s) => s.stateId));
  for (const version of await entries(ctx.layout.postgresDir)) {
    const statesDir = ctx.layout.statesDir(version);
    for (const name of await entries(statesDir)) {
      if (StoreLayout.isStagingName(name) || kept.has(name)) continue;
      await destroy(ctx, join(statesDir, name));
      report.orphanStateDirs += 1;
    }
  }
}

function recoverJobs(ctx: PrepareContext, report: RecoveryReport): JobRecord[] {
  const at = ctx.now();
  const queued: JobRecord[] = [];
  for (const job of ctx.store.listJobs({ statuses: ['queued', 'running'] })) {
    if (job.status === 'running') {
      for (const task of ctx.store.listTasks({ jobId: job.jobId })) {
        if (task.status === 'running') ctx.store.updateTask(job.jobId, task.taskId, { status: 'queued', startedAt: null });
      }
      finishJob(ctx, job, {
        status: 'failed',
        error: new SqlrsError('interrupted', 'the engine stopped while the job ran; resubmit it to reuse every finished step'),
      });
      report.interruptedJobs += 1;
    } else if (job.deadlineAt !== null && job.deadlineAt <= at) {
      finishJob(ctx, job, { status: 'failed', error: new SqlrsError('cancelled', 'job timed out before it could start') });
      report.timedOutJobs += 1;
    } else {
      queued.push(job);
    }
  }
  queued.sort((a, b) => a.createdAt - b.createdAt || a.jobId.localeCompare(b.jobId));
  report.queuedJobs = queued.map((j) => j.jobId);
  return queued;
}

/**
 * Startup recovery of prepare's part of the store (engine.md §10 steps 2, 3, 6): empties `tmp/`,
 * drops staging dirs, unfinished and lost states and unowned state dirs, fails interrupted jobs,
 * and returns the queued jobs in the order they must start.
 */
/**
 * engine.md §10 step 4: no job runs during recovery, so every build, plan or init sandbox labelled
 * with this store belongs to a dead engine process and is removed before its directories go.
 */
async function removeStaleSandboxes(ctx: PrepareContext, report: RecoveryReport): Promise<void> {
  const storeId = ctx.store.storeId();
  for (const ref of await ctx.runtime.list(storeId)) {
    if (ref.purpose !== 'build' && ref.purpose !== 'plan' && ref.purpose !== 'init') continue;
    await ctx.runtime.remove(ref);
    report.staleSandboxes += 1;
    ctx.logger.info({ runtime_id: ref.id, purpose: ref.purpose, owner: ref.ownerId }, 'removed a sandbox left by a previous engine');
  }
}

export async function recoverStore(ctx: PrepareContext): Promise<{ report: RecoveryReport; queued: JobRecord[] }> {
  const report: RecoveryReport = {
    tmpEntries: 0,
    stagingDirs: 0,
    buildingStates: 0,
    lostStates: 0,
    missingStates: 0,
    orphanStateDirs: 0,
    purgedFailedStates: 0,
    interruptedJobs: 0,
    timedOutJobs: 0,
    staleSandboxes: 0,
    queuedJobs: [],
  };
  await removeStaleSandboxes(ctx, report);
  await sweepDirs(ctx, report);
  await recoverStates(ctx, report);
  await sweepOrphans(ctx, report);
  const queued = recoverJobs(ctx, report);
  ctx.logger.info({ recovery: report }, 'prepare recovery done');
  return { report, queued };
}
