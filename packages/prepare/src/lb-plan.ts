import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type LiquibaseRunner, type PendingChangeset, isRunAlways, parsePreview } from '@sqlrs/liquibase';
import type { Sandbox } from '@sqlrs/runtime';
import { socketDirFor } from './build-state.js';
import { type StepInputKind, lbTaskHash, stateId } from './cache-keys.js';
import { type BaseSpec, ensureBase, mkdirShared } from './ensure-base.js';
import { lbPlanMemoKey } from './lb-plan-memo.js';
import { type LbRequest } from './lb-request.js';
import { liquibaseArgs, liquibaseFailure, makeWorkDir, previewCommand, runLiquibaseIn } from './lb-invocation.js';
import type { PrepareContext } from './prepare-context.js';

/** One `state_execute` of an lb plan: one changeset, the runAlways tail, or the `empty` step. */
export interface PlannedLbStep {
  taskHash: string;
  outputStateId: string;
  inputKind: StepInputKind;
  inputId: string;
  argsSummary: string;
  changesets: PendingChangeset[];
  tail: boolean;
}

/** The planned Liquibase chain (engine.md §2.5). */
export interface LbPlan {
  runner: LiquibaseRunner;
  lbVersion: string;
  request: LbRequest;
  steps: PlannedLbStep[];
}

/** What lb planning needs besides the request. */
export interface LbPlanInput {
  jobId: string;
  lb: LbRequest;
  runner: LiquibaseRunner;
  base: BaseSpec;
  buildSettings: Record<string, string>;
  buildConf: string;
  signal: AbortSignal;
  log: (message: string) => void;
}

/** Accepted options that enter the key as flags: all but log level/format, filters and parameters. */
function keyFlags(lb: LbRequest): Map<string, string> {
  const skip = new Set(['loglevel', 'logformat', 'contexts', 'contextfilter', 'context', 'labels', 'labelfilter', 'label']);
  const flags = new Map<string, string>();
  for (const o of [...lb.parsed.globalOptions, ...lb.parsed.commandOptions]) if (!skip.has(o.name)) flags.set(o.name, o.value ?? '');
  return flags;
}

/** Runs the preview command on a scratch clone of the base (never a cached state), always torn down. */
async function preview(ctx: PrepareContext, input: LbPlanInput): Promise<string> {
  const baseDir = await ensureBase(ctx, input.base);
  const release = await ctx.buildPermits.acquire(input.signal);
  const planDir = ctx.layout.planDir(input.jobId);
  const dataDir = join(planDir, 'data');
  let sandbox: Sandbox | undefined;
  let workDir: string | undefined;
  try {
    await mkdirShared(ctx.layout.tmpDir);
    await rm(planDir, { recursive: true, force: true });
    await mkdirShared(planDir);
    await ctx.snapshotter.cloneForBuild(baseDir, dataDir);
    sandbox = await ctx.runtime.start({
      purpose: 'plan',
      ownerId: input.jobId,
      storeId: ctx.store.storeId(),
      image: input.base.image,
      dataDir,
      socketDir: socketDirFor(ctx, planDir, input.jobId, 'plan'),
      settings: input.buildSettings,
      readyDeadlineMs: 30_000,
    });
    workDir = await makeWorkDir(ctx, input.jobId, 'plan', input.lb);
    const { exitCode, stdout, tail } = await runLiquibaseIn(ctx, {
      runner: input.runner,
      lb: input.lb,
      sandbox,
      workDir,
      jobId: input.jobId,
      appName: `sqlrs-plan-${input.jobId.slice(0, 8)}`,
      args: liquibaseArgs(input.lb, previewCommand(input.lb)),
      signal: input.signal,
      log: input.log,
    });
    if (input.signal.aborted) throw input.signal.reason;
    if (exitCode !== 0) throw liquibaseFailure('while listing pending changesets', exitCode, tail);
    return stdout;
  } finally {
    if (sandbox !== undefined) await ctx.runtime.remove(sandbox.ref).catch(() => undefined);
    await ctx.snapshotter.destroy(dataDir).catch(() => undefined);
    await rm(planDir, { recursive: true, force: true }).catch(() => undefined);
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    release();
  }
}

function summary(cs: PendingChangeset): string {
  return `${cs.id}::${cs.author}::${cs.path}`;
}

/**
 * Plans an lb prepare (engine.md §2.5): pending changesets from the preview on the base, one step
 * per changeset before the first runAlways one, then one uncached tail; none pending → `empty`.
 */
export async function planLiquibase(ctx: PrepareContext, input: LbPlanInput, imageKey: string): Promise<LbPlan> {
  const lbVersion = await input.runner.version();
  const memoKey = await lbPlanMemoKey(ctx, { imageKey, initSpecHash: input.base.initSpecHash, buildConf: input.buildConf, lbVersion, lb: input.lb });
  let pending = memoKey === undefined ? undefined : ctx.lbPlanMemo.get(memoKey);
  if (pending === undefined) {
    pending = parsePreview(await preview(ctx, input));
    if (memoKey !== undefined) ctx.lbPlanMemo.set(memoKey, pending);
  } else {
    input.log(`liquibase: plan memo hit, ${pending.length} pending changesets (no preview run)`);
  }
  let cut = pending.length;
  for (const [i, cs] of pending.entries()) {
    if (await isRunAlways(cs, input.lb.roots)) {
      cut = i;
      break;
    }
  }
  const groups: { changesets: PendingChangeset[]; tail: boolean }[] = pending.slice(0, cut).map((cs) => ({ changesets: [cs], tail: false }));
  if (cut < pending.length) groups.push({ changesets: pending.slice(cut), tail: true });
  if (groups.length === 0) groups.push({ changesets: [], tail: false });
  const common = {
    initSpecHash: input.base.initSpecHash,
    buildConf: input.buildConf,
    lbVersion,
    contexts: input.lb.parsed.contexts,
    labels: input.lb.parsed.labels,
    parameters: input.lb.parameters,
    env: input.lb.env,
    defaultsHash: input.lb.defaultsHash,
    flags: keyFlags(input.lb),
  };
  const steps: PlannedLbStep[] = [];
  let parent: { inputKind: StepInputKind; inputId: string } = { inputKind: 'image', inputId: imageKey };
  for (const group of groups) {
    const taskHash = lbTaskHash({ ...common, changesets: group.changesets, tailNonce: group.tail ? input.jobId : null });
    const outputStateId = stateId({ ...parent, taskHash });
    const argsSummary = group.tail
      ? `runAlways tail: ${group.changesets.length} changesets`
      : group.changesets[0] === undefined
        ? '(empty)'
        : summary(group.changesets[0]);
    steps.push({ taskHash, outputStateId, ...parent, argsSummary, changesets: group.changesets, tail: group.tail });
    parent = { inputKind: 'state', inputId: outputStateId };
  }
  return { runner: input.runner, lbVersion, request: input.lb, steps };
}
