import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { type ParsedPsqlArgs, type PrepareJobRequest, parseDuration, validatePsqlPrepareRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { nameProblem } from '@sqlrs/id';
import type { JobRecord } from '@sqlrs/store';
import { checkInputFiles } from './check-input-files.js';
import { type LbRequest, validateLbRequest } from './lb-request.js';
import { updateJobGauge } from './job-gauge.js';
import type { PrepareContext } from './prepare-context.js';

/** Non-terminal jobs admitted at once (api.md §1.9). */
const MAX_ACTIVE_JOBS = 256;

/** A request after the §4.2/§4.3 checks, by kind. */
export type ValidatedRequest = { kind: 'psql'; parsed: ParsedPsqlArgs; normalized: string } | { kind: 'lb'; lb: LbRequest; normalized: string };

/** The §4.2/§4.3 checks of a schema-valid request, with the file I/O ones. */
export async function validatePrepareRequest(request: PrepareJobRequest): Promise<ValidatedRequest> {
  if (request.prepare_kind === 'lb') {
    const lb = await validateLbRequest(request);
    return { kind: 'lb', lb, normalized: lb.parsed.normalized };
  }
  const parsed = validatePsqlPrepareRequest({ psql_args: request.psql_args ?? null, stdin: request.stdin ?? null });
  await checkInputFiles(parsed);
  return { kind: 'psql', parsed, normalized: parsed.normalized };
}

/** 503 when the job's Liquibase runner (or its Java, or its image) is unusable (api.md §4.3, §4.4). */
export async function checkLiquibaseReady(ctx: PrepareContext, validated: ValidatedRequest): Promise<void> {
  if (validated.kind !== 'lb') return;
  try {
    await ctx.liquibase.forJob(validated.lb.exec).version();
  } catch (error) {
    if (error instanceof SqlrsError) throw error;
    throw new SqlrsError('unavailable', `Liquibase cannot run: ${(error as Error).message}; install Java 17 and Liquibase 4.x`);
  }
}

/** Throws `unavailable` with the runtime's reason and fix when it cannot run jobs (api.md §4.4). */
export async function checkRuntimeReady(ctx: PrepareContext): Promise<void> {
  const probe = await ctx.runtime.probe();
  if (!probe.ok) throw new SqlrsError('unavailable', `${probe.reason}; ${probe.fix}`);
}

function checkName(ctx: PrepareContext, name: string, rebind: boolean): void {
  const problem = nameProblem(name);
  if (problem !== undefined) throw new SqlrsError('invalid_argument', problem, { details: name, issues: [{ path: 'name', message: problem }] });
  const row = ctx.store.getName(name);
  if (row === undefined) return;
  if (row.reservedJobId !== null) {
    const holder = ctx.store.getJob(row.reservedJobId);
    if (holder !== undefined && (holder.status === 'queued' || holder.status === 'running')) {
      throw new SqlrsError('conflict', `name ${name} is reserved by running job ${holder.jobId}; wait for it or pick another name`);
    }
  }
  if (row.instanceId !== null && !rebind) {
    const instance = ctx.store.getInstance(row.instanceId);
    if (instance !== undefined && instance.status !== 'expired') {
      throw new SqlrsError('conflict', `name ${name} is bound to instance ${row.instanceId}; pass rebind: true to move it`);
    }
  }
}

function storedRequest(request: PrepareJobRequest): string {
  const { stdin, ...rest } = request;
  if (stdin === undefined || stdin === null) return JSON.stringify(rest);
  const sha = createHash('sha256').update(stdin, 'utf8').digest('hex');
  return JSON.stringify({ ...rest, stdin_sha256: sha, stdin_bytes: Buffer.byteLength(stdin, 'utf8') });
}

/**
 * api.md §4.4 after schema validation: argument and file checks (400), name (400/409), capacity
 * (429), runtime readiness (503), then the job row `queued`, its name reservation and event 0 in
 * one transaction. `stdin` is saved 0600 under `jobs/<id>/stdin`.
 */
export async function admitJob(ctx: PrepareContext, request: PrepareJobRequest): Promise<JobRecord> {
  const validated = await validatePrepareRequest(request);
  const name = request.name ?? null;
  if (name !== null) checkName(ctx, name, request.rebind ?? false);
  if (ctx.store.listJobs({ statuses: ['queued', 'running'] }).length >= MAX_ACTIVE_JOBS) {
    throw new SqlrsError('too_many_requests', `${MAX_ACTIVE_JOBS} prepare jobs are already queued or running; retry when some have finished`);
  }
  await checkRuntimeReady(ctx);
  await checkLiquibaseReady(ctx, validated);
  const jobId = ctx.randomId();
  const createdAt = ctx.now();
  const stdin = request.stdin ?? null;
  if (stdin !== null) {
    await mkdir(ctx.layout.jobDir(jobId), { recursive: true, mode: 0o700 });
    await writeFile(ctx.layout.jobStdin(jobId), stdin, { mode: 0o600 });
  }
  let admitted: JobRecord;
  try {
    admitted = ctx.store.transaction(() => {
      const job = ctx.store.insertJob({
        jobId,
        prepareKind: validated.kind,
        planOnly: request.plan_only ?? false,
        imageRef: request.image_id,
        name,
        ttlSeconds: request.ttl_seconds ?? null,
        requestJson: storedRequest(request),
        prepareArgsNormalized: validated.normalized,
        deadlineAt: createdAt + Math.round(parseDuration(ctx.config().orchestrator.jobs.timeout)),
        createdAt,
      });
      if (name !== null) ctx.store.reserveName(name, { jobId, rebind: request.rebind ?? false, at: createdAt });
      ctx.events.append(jobId, [{ type: 'status', status: 'queued' }]);
      return job;
    });
  } catch (error) {
    await rm(ctx.layout.jobDir(jobId), { recursive: true, force: true });
    throw error;
  }
  updateJobGauge(ctx);
  return admitted;
}
