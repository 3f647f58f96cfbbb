import { rm } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '@sqlrs/store';
import { updateJobGauge } from './job-gauge.js';
import { errorBody, type StoredResult } from './job-views.js';
import type { PrepareContext } from './prepare-context.js';

/** How a job ended. */
export type JobOutcome =
  | { status: 'succeeded'; result: StoredResult | null; instanceId: string | null }
  | { status: 'failed'; error: unknown };

/** Removes a job's directory and its `tmp/*-<job_id>*` leftovers. */
export async function removeJobFiles(ctx: PrepareContext, jobId: string): Promise<void> {
  await rm(ctx.layout.jobDir(jobId), { recursive: true, force: true });
  let names: string[] = [];
  try {
    names = await readdir(ctx.layout.tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.includes(`-${jobId}`)) await ctx.snapshotter.destroy(join(ctx.layout.tmpDir, name)).catch(() => undefined);
  }
}

/** Deletes jobs beyond the newest `orchestrator.jobs.maxIdentical` finished ones of a signature (api.md §4.11). */
export async function applyRetention(ctx: PrepareContext, signature: string, isActive: (jobId: string) => boolean): Promise<string[]> {
  const keep = ctx.config().orchestrator.jobs.maxIdentical;
  if (keep === null || keep <= 0) return [];
  const finished = ctx.store
    .listJobs({ signature, statuses: ['succeeded', 'failed'] })
    .filter((j) => !isActive(j.jobId))
    .map((job, index) => ({ job, index }))
    .sort((a, b) => (b.job.finishedAt ?? 0) - (a.job.finishedAt ?? 0) || b.index - a.index)
    .map((entry) => entry.job);
  const doomed = finished.slice(keep).map((j) => j.jobId);
  if (doomed.length === 0) return [];
  const at = ctx.now();
  ctx.store.deleteJobs(
    doomed,
    doomed.map((id) => ({ ts: at, actor: 'engine' as const, action: 'job.deleted' as const, objectId: id, details: { reason: 'retention' } })),
  );
  for (const id of doomed) {
    ctx.events.end(id);
    await removeJobFiles(ctx, id);
  }
  return doomed;
}

/**
 * Ends a job: its row, the name reservation on failure, the terminal events in api.md §4.9 order,
 * and the end of its live streams. Returns the updated row.
 */
export function finishJob(ctx: PrepareContext, job: JobRecord, outcome: JobOutcome): JobRecord {
  const at = ctx.now();
  ctx.events.flushTruncation(job.jobId);
  let updated: JobRecord;
  if (outcome.status === 'succeeded') {
    const resultJson = outcome.result === null ? null : JSON.stringify(outcome.result);
    updated = ctx.store.transaction(() => {
      const row = ctx.store.updateJob(job.jobId, { status: 'succeeded', finishedAt: at, resultJson, instanceId: outcome.instanceId });
      ctx.events.append(job.jobId, [{ type: 'status', status: 'succeeded' }, ...(resultJson === null ? [] : [{ type: 'result' as const, resultJson }])]);
      return row;
    });
  } else {
    const error = errorBody(outcome.error);
    const errorJson = JSON.stringify(error);
    updated = ctx.store.transaction(() => {
      const row = ctx.store.updateJob(job.jobId, { status: 'failed', finishedAt: at, errorCode: error.code, errorJson });
      if (job.name !== null && ctx.store.getName(job.name)?.reservedJobId === job.jobId) ctx.store.releaseNameReservation(job.name, job.jobId);
      ctx.events.append(job.jobId, [
        { type: 'status', status: 'failed' },
        { type: 'error', errorJson },
      ]);
      return row;
    });
  }
  updateJobGauge(ctx);
  const outcomeLabel = outcome.status === 'succeeded' ? 'succeeded' : updated.errorCode === 'cancelled' ? 'cancelled' : 'failed';
  ctx.metrics?.prepareJobsTotal.inc({ kind: job.prepareKind, outcome: outcomeLabel });
  if (updated.startedAt !== null) {
    ctx.metrics?.prepareJobDurationSeconds.observe({ kind: job.prepareKind }, (at - updated.startedAt) / 1000);
  }
  ctx.events.end(job.jobId);
  return updated;
}
