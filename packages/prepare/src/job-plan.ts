import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedPsqlArgs } from '@sqlrs/contract';
import type { ResolvedImage } from '@sqlrs/runtime';
import { StoreLayout } from '@sqlrs/statefs';
import { baseId, buildConf, initSpecHash, jobSignature } from './cache-keys.js';
import type { PsqlSource } from './content-hash.js';
import type { PrepareContext } from './prepare-context.js';
import { type PsqlPlan, planPsql } from './psql-plan.js';

/** Everything a job or an explain learns before it executes anything. */
export interface JobPlan {
  image: ResolvedImage;
  locale: string;
  initSpecHash: string;
  baseId: string;
  /** `pg<major>-<base_id[0:16]>`, the directory under `engines/postgres/`. */
  version: string;
  psql: PsqlPlan;
  /** `build.serverSettings`, passed to build sandboxes and hashed as `build_conf`. */
  buildSettings: Record<string, string>;
  /** Index of the furthest step whose state is ready, or -1. */
  furthestReady: number;
  signature: string;
}

/** What planning needs from a validated request. */
export interface PlanInput {
  imageRef: string;
  parsed: ParsedPsqlArgs;
  stdin: string | null;
  planOnly: boolean;
}

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
export async function furthestReadyStep(ctx: PrepareContext, plan: Pick<JobPlan, 'version' | 'psql' | 'furthestReady'>): Promise<number> {
  for (let k = plan.furthestReady; k >= 0; k -= 1) {
    if (await isStateReady(ctx, plan.version, (plan.psql.steps[k] as { outputStateId: string }).outputStateId)) return k;
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
  const psql = await planPsql(
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
  const version = StoreLayout.postgresVersion(image.pgMajor, base);
  const furthestReady = await furthestReadyStep(ctx, { version, psql, furthestReady: psql.steps.length - 1 });
  const finalStateId = (psql.steps[psql.steps.length - 1] as { outputStateId: string }).outputStateId;
  const signature = jobSignature({ prepareKind: 'psql', planOnly: input.planOnly, imageKey: image.imageKey, finalStateId });
  return { image, locale, initSpecHash: specHash, baseId: base, version, psql, buildSettings, furthestReady, signature };
}
