import type { CacheExplainPrepareRequest, CacheExplainPrepareResponse } from '@sqlrs/contract';
import { checkLiquibaseReady, checkRuntimeReady, validatePrepareRequest } from './admit-job.js';
import { planJob } from './job-plan.js';
import type { PrepareContext } from './prepare-context.js';

/**
 * `POST /v1/cache/explain/prepare` (api.md §7.2): the job's validation, image resolution and
 * planner, with nothing created (no job, state, instance or image row).
 */
export async function explainPrepare(ctx: PrepareContext, request: CacheExplainPrepareRequest): Promise<CacheExplainPrepareResponse> {
  const validated = await validatePrepareRequest({ ...request, name: null, ttl_seconds: null, plan_only: false });
  await checkRuntimeReady(ctx);
  await checkLiquibaseReady(ctx, validated);
  const plan = await planJob(
    ctx,
    validated.kind === 'psql'
      ? { kind: 'psql', imageRef: request.image_id, parsed: validated.parsed, stdin: request.stdin ?? null, planOnly: false }
      : { kind: 'lb', imageRef: request.image_id, lb: validated.lb, exec: validated.lb.exec, planOnly: false, jobId: ctx.randomId(), log: () => undefined },
  );
  const steps = plan.steps;
  const hit = plan.furthestReady === steps.length - 1;
  return {
    decision: hit ? 'hit' : 'miss',
    reason_code: hit ? 'exact_state_match' : 'no_matching_state',
    signature: plan.signature,
    matched_state_id: hit ? (steps[steps.length - 1]?.outputStateId ?? null) : null,
    resolved_image_id: plan.image.displayRef,
    total_steps: steps.length,
    cached_steps: plan.furthestReady + 1,
    steps: steps.map((step, k) => ({
      task_id: `execute-${k}`,
      output_state_id: step.outputStateId,
      cached: k <= plan.furthestReady,
      args_summary: step.argsSummary,
    })),
  };
}
