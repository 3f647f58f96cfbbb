import { z } from 'zod';
import { ErrorCode } from './error-response.js';
import { Name, Port, PrepareKind, RandomId, StateId, Timestamp, extension } from './primitives.js';

/** Status of a prepare job; cancellation is `failed` with error code `cancelled` (api.md §4.7). */
export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
/** The literal union of job statuses. */
export type JobStatus = z.infer<typeof JobStatus>;

/** 201 answer of `POST /v1/prepare-jobs` (api.md §4.4). */
export const PrepareJobAccepted = z.object({
  job_id: RandomId,
  status_url: z.string(),
  events_url: z.string(),
  status: z.literal('queued'),
});
/** An accepted prepare job. */
export type PrepareJobAccepted = z.infer<typeof PrepareJobAccepted>;

/** One row of `GET /v1/prepare-jobs` (api.md §4.5). */
export const PrepareJobEntry = z.object({
  job_id: RandomId,
  status: JobStatus,
  prepare_kind: PrepareKind,
  image_id: z.string(),
  resolved_image_id: z.string().nullable(),
  plan_only: z.boolean(),
  name: extension(Name.nullable()),
  prepare_args_normalized: z.string(),
  signature: StateId.nullable(),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  instance_id: extension(RandomId.nullable()),
  error_code: extension(ErrorCode.nullable()),
});
/** A job list row. */
export type PrepareJobEntry = z.infer<typeof PrepareJobEntry>;

/** What a succeeded, non-plan job produced: the instance and how to connect (api.md §4.6). */
export const PrepareJobResult = z.object({
  dsn: z.string(),
  instance_id: RandomId,
  state_id: StateId,
  image_id: z.string(),
  prepare_kind: PrepareKind,
  prepare_args_normalized: z.string(),
  name: extension(Name.nullable()),
  expires_at: extension(Timestamp.nullable()),
  host: extension(z.string()),
  port: extension(Port),
  database: extension(z.string()),
  user: extension(z.string()),
});
/** A job result. */
export type PrepareJobResult = z.infer<typeof PrepareJobResult>;
