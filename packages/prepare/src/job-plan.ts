import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedPsqlArgs } from '@sqlrs/contract';
import type { ResolvedImage } from '@sqlrs/runtime';
import { StoreLayout } from '@sqlrs/statefs';
import { baseId, buildConf, initSpecHash, jobSignature } from './cache-keys.js';
import type { PsqlSource } from './content-hash.js';
import { type LbPlan, planLiquibase } from './lb-plan.js';
import type { LbRequest } from './lb-request.js';
import type { PrepareContext } from './prepare-context.js';
import { type PsqlPlan, planPsql } from './psql-plan.js';

/** What every `state_execute` step has, whichever planner made it. */
interface PlannedStep {
  taskHash: string;
  outputStateId: string;
  inputKind: 'image' | 'state';
  inputId: string;
  argsSummary: string;
  /** `step_json` of the task row and of the state row. */
  taskJson: string;
  stateJson: string;
  changeset: { id: string; author: string; path: string } | null;
}

/** Everything a job or an explain learns before it executes anything. */
export interface JobPlan {
  image: ResolvedImage;
  locale: string;
  initSpecHash: string;
  baseId: string;
  /** `pg<major>-<base_id[0:16]>`, the directory under `engines/postgres/`. */
  version: string;
  kind: 'psql' | 'lb';
  /** The psql plan (kind psql), else null. */
  psql: PsqlPlan | null;
  /** The Liquibase plan (kind lb), else null. */
  lb: LbPlan | null;
  steps: PlannedStep[];
  /** `build.serverSettings`, passed to build sandboxes and hashed as `build_conf`. */
  buildSettings: Record<string, string>;
  /** Index of the furthest step whose state is ready, or -1. */
  furthestReady: number;
  signature: string;
}

/** What planning needs from a validated request. */
export type PlanInput =
  | { kind: 'psql'; imageRef: string; parsed: ParsedPsqlArgs; stdin: string | null; planOnly: boolean }
  | { kind: 'lb'; imageRef: string; lb: LbRequest; exec: string | null; planOnly: boolean; jobId: string; log: (message: string) => void };

/** `C.UTF-8` when the image has it, else `C` (engine.md §3.2). */
function initLocale(image: ResolvedImage): string {
  return image.locales.includes('C.UTF-8') ? 'C.UTF-8' : 'C';
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** True when the state row is `ready` and its directory holds a cluster (a cache hit). */
export async function isStateReady(ctx: PrepareContext, version: string, stateId: string): Promise<boolean> {
  const row = ctx.store.getState(stateId);
  if (row?.status !== 'ready') return false;
  return exists(join(ctx.layout.stateDir(version, stateId), 'pgdata', 'PG_VERSION'));
}

function sources(parsed: ParsedPsqlArgs, stdin: string | null): PsqlSource[] {
  return parsed.steps.map((step): PsqlSource => {
    if (step.kind === 'command') return { kind: 'command', sql: step.sql };
    if (step.kind === 'file') return { kind: 'file', path: step.path };
    return { kind: 'stdin', text: stdin ?? '' };
  });
}

/** Index of the furthest step of the plan whose state is ready now, or -1 (a cache hit may have been evicted since planning). */
export async function furthestReadyStep(ctx: PrepareContext, plan: Pick<JobPlan, 'version' | 'steps' | 'furthestReady'>): Promise<number> {
  for (let k = plan.furthestReady; k >= 0; k -= 1) {
    if (await isStateReady(ctx, plan.version, (plan.steps[k] as PlannedStep).outputStateId)) return k;
  }
  return -1;
}

/**
 * Resolves the image and plans the chain (engine.md §2.1): every state id up front, then the
 * furthest ready state along it. Writes nothing but the hash memo.
 */
export async function planJob(ctx: PrepareContext, input: PlanInput, signal?: AbortSignal): Promise<JobPlan> {
  const image = await ctx.runtime.resolveImage(input.imageRef, { pull: 'missing', ...(signal === undefined ? {} : { signal }) });
  const locale = initLocale(image);
  const specHash = initSpecHash({ locale, hba: ctx.pgHbaConf });
  const base = baseId(image.imageKey, specHash);
  const buildSettings = { ...ctx.config().build.serverSettings };
  const version = StoreLayout.postgresVersion(image.pgMajor, base);
  let psql: PsqlPlan | null = null;
  let lb: LbPlan | null = null;
  let steps: PlannedStep[];
  if (input.kind === 'psql') {
    psql = await planPsql(
      {
        steps: sources(input.parsed, input.stdin),
        variables: new Map(input.parsed.variables.map((v) => [v.name, v.value])),
        singleTransaction: input.parsed.singleTransaction,
        singleLine: input.parsed.singleLine,
        imageKey: image.imageKey,
        initSpecHash: specHash,
        buildConf: buildConf(buildSettings),
      },
      { memo: ctx.store, now: ctx.now },
    );
    steps = psql.steps.map((step) => ({
      ...step,
      taskJson: JSON.stringify({ source_kind: step.sourceKind, content_hash: step.contentHash, closure: step.closure }),
      stateJson: JSON.stringify({ source_kind: step.sourceKind, content_hash: step.contentHash }),
      changeset: null,
    }));
  } else {
    // The preview needs the base, whose row references the image row.
    recordImage(ctx, image, ctx.now());
    lb = await planLiquibase(
      ctx,
      {
        jobId: input.jobId,
        lb: input.lb,
        runner: ctx.liquibase.forJob(input.exec),
        base: { image, locale, initSpecHash: specHash, baseId: base, version },
        buildSettings,
        buildConf: buildConf(buildSettings),
        signal: signal ?? new AbortController().signal,
        log: input.log,
      },
      image.imageKey,
    );
    steps = lb.steps.map((step) => {
      const json = JSON.stringify({ lb_version: lb?.lbVersion, tail: step.tail, changesets: step.changesets });
      const cs = step.tail ? undefined : step.changesets[0];
      return { ...step, taskJson: json, stateJson: json, changeset: cs === undefined ? null : { id: cs.id, author: cs.author, path: cs.path } };
    });
  }
  const furthestReady = await furthestReadyStep(ctx, { version, steps, furthestReady: steps.length - 1 });
  const finalStateId = (steps[steps.length - 1] as PlannedStep).outputStateId;
  const signature = jobSignature({ prepareKind: input.kind, planOnly: input.planOnly, imageKey: image.imageKey, finalStateId });
  return { image, locale, initSpecHash: specHash, baseId: base, version, kind: input.kind, psql, lb, steps, buildSettings, furthestReady, signature };
}

/** Writes (or refreshes) the `images` row of a resolved image; bases and states reference it. */
export function recordImage(ctx: PrepareContext, image: ResolvedImage, at: number): void {
  const known = ctx.store.getImage(image.imageKey);
  ctx.store.upsertImage({
    imageKey: image.imageKey,
    runtimeKind: ctx.runtime.kind,
    displayRef: image.displayRef,
    repoDigest: image.repoDigest ?? null,
    platform: image.platform,
    pgMajor: image.pgMajor,
    pgVersion: image.pgVersion,
    runUid: image.runUid,
    runGid: image.runGid,
    locales: JSON.stringify(image.locales),
    firstSeenAt: known?.firstSeenAt ?? at,
    lastUsedAt: at,
  });
}
