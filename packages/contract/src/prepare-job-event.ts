import { z } from 'zod';
import { ErrorResponse } from './error-response.js';
import { JobStatus, PrepareJobResult } from './prepare-job.js';
import { Count, Timestamp, extension } from './primitives.js';

/** Kinds of job events (api.md §4.9). */
export const PrepareJobEventType = z.enum(['status', 'task', 'log', 'result', 'error']);
/** The literal union of job event kinds. */
export type PrepareJobEventType = z.infer<typeof PrepareJobEventType>;

/** One line of a job's event stream; task statuses use the same values as job statuses. */
export const PrepareJobEvent = z.object({
  seq: extension(Count),
  type: PrepareJobEventType,
  ts: Timestamp,
  status: JobStatus.optional(),
  task_id: z.string().optional(),
  message: z.string().optional(),
  result: PrepareJobResult.optional(),
  error: ErrorResponse.optional(),
  heartbeat: extension(z.literal(true)).optional(),
});
/** A job event. */
export type PrepareJobEvent = z.infer<typeof PrepareJobEvent>;
