import { z } from 'zod';
import { ErrorResponse } from './error-response.js';
import { PlanTask } from './plan-task.js';
import { JobStatus, PrepareJobResult } from './prepare-job.js';
import { Name, PrepareKind, RandomId, StateId, Timestamp, TtlSeconds, extension } from './primitives.js';

/** `GET /v1/prepare-jobs/{job_id}`: a job with its plan, result or error (api.md §4.6). */
export const PrepareJobStatus = z.object({
  job_id: RandomId,
  status: JobStatus,
  prepare_kind: PrepareKind,
  image_id: z.string(),
  resolved_image_id: extension(z.string().nullable()),
  plan_only: z.boolean(),
  name: extension(Name.nullable()),
  ttl_seconds: extension(TtlSeconds.nullable()),
  prepare_args_normalized: z.string(),
  signature: extension(StateId.nullable()),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  cancel_requested: extension(z.boolean()),
  tasks: z.array(PlanTask).nullable(),
  result: PrepareJobResult.nullable(),
  error: ErrorResponse.nullable(),
  events_url: extension(z.string()),
});
/** A job's full status. */
export type PrepareJobStatus = z.infer<typeof PrepareJobStatus>;
