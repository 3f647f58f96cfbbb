import { z } from 'zod';
import { PrepareKind, StateId, RandomId, extension } from './primitives.js';

/** Status of one task of a prepare job. */
export const TaskStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
/** The literal union of task statuses. */
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Kinds of plan tasks, in the order a plan lists them. */
export const TaskType = z.enum(['plan', 'resolve_image', 'state_execute', 'prepare_instance']);
/** The literal union of task kinds. */
export type TaskType = z.infer<typeof TaskType>;

/** What a step or instance starts from: the resolved base image or an earlier state. */
export const TaskInput = z.object({ kind: z.enum(['image', 'state']), id: z.string() });
/** A task input. */
export type TaskInput = z.infer<typeof TaskInput>;

const common = { task_id: z.string(), status: extension(TaskStatus) };

/** One task of a job's plan, as `PrepareJobStatus.tasks` lists it (api.md §4.11). */
export const PlanTask = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('plan'), planner_kind: PrepareKind }),
  z.object({
    ...common,
    type: z.literal('resolve_image'),
    image_id: z.string(),
    resolved_image_id: z.string().nullable(),
  }),
  z.object({
    ...common,
    type: z.literal('state_execute'),
    input: TaskInput,
    task_hash: StateId,
    output_state_id: StateId,
    cached: z.boolean(),
    args_summary: z.string(),
    changeset_id: z.string().nullable(),
    changeset_author: z.string().nullable(),
    changeset_path: z.string().nullable(),
  }),
  z.object({
    ...common,
    type: z.literal('prepare_instance'),
    input: TaskInput,
    instance_mode: z.literal('ephemeral'),
    instance_id: RandomId.nullable(),
  }),
]);
/** A plan task. */
export type PlanTask = z.infer<typeof PlanTask>;
