import { z } from 'zod';
import { ErrorResponse } from './error-response.js';
import { TaskInput, TaskStatus, TaskType } from './plan-task.js';
import { PrepareKind, RandomId, StateId, Timestamp, extension } from './primitives.js';

/** One row of `GET /v1/tasks` (api.md §4.10). */
export const TaskEntry = z.object({
  task_id: z.string(),
  job_id: RandomId,
  status: TaskStatus,
  type: TaskType,
  planner_kind: PrepareKind.nullable(),
  input: TaskInput.nullable(),
  task_hash: StateId.nullable(),
  output_state_id: StateId.nullable(),
  cached: z.boolean().nullable(),
  instance_mode: z.literal('ephemeral').nullable(),
  instance_id: extension(RandomId.nullable()),
  image_id: z.string().nullable(),
  resolved_image_id: z.string().nullable(),
  args_summary: z.string().nullable(),
  changeset_id: z.string().nullable(),
  changeset_author: z.string().nullable(),
  changeset_path: z.string().nullable(),
  started_at: extension(Timestamp.nullable()),
  finished_at: extension(Timestamp.nullable()),
  error: extension(ErrorResponse.nullable()),
});
/** A task list row. */
export type TaskEntry = z.infer<typeof TaskEntry>;
