import type { CacheExplainPrepareRequest, CacheExplainPrepareResponse } from '@sqlrs/contract';
import { checkRuntimeReady, validatePrepareRequest } from './admit-job.js';
import { planJob } from './job-plan.js';
import type { PrepareContext } from './prepare-context.js';

/**
 * `POST /v1/cache/explain/prepare` (api.md §7.2): the job's validation, image resolution and
 * planner, with nothing created (no job, state, instance or image row).
 */
export async function explainPrepare(ctx: PrepareContext, request: CacheExplainPrepareRequest): Promise<CacheExplainPrepareResponse> {
  const parsed = await validatePrepareRequest({ ...request, name: null, ttl_seconds: null, plan_only: false });
  await checkRuntimeReady(ctx);
  const plan = await planJob(ctx, { imageRef: request.image_id, parsed, stdin: request.stdin ?? null, planOnly: false });
  const steps = plan.psql.steps;
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
