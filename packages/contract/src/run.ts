import { z } from 'zod';
import { ArgList, REQUEST_LIMITS } from './arg-list.js';
import { ErrorResponse } from './error-response.js';
import { Count, RandomId, Timestamp, extension, lowerString, trimString, reportUnknownFields } from './primitives.js';

/** Longest run timeout in seconds (api.md §6). */
export const MAX_RUN_TIMEOUT_SECONDS = 86_400;

/** One psql invocation of a multi-step run. */
export const RunStep = z.strictObject({ args: ArgList, stdin: z.string().nullable().optional() });
/** A run step. */
export type RunStep = z.infer<typeof RunStep>;

const strictRun = z.strictObject(
  {
    instance_ref: z.preprocess(
      trimString,
      z
        .string({ error: (issue) => (issue.input === undefined ? 'instance_ref is required' : 'instance_ref must be a string') })
        .min(1, { abort: true, message: 'instance_ref is required' }),
    ),
    kind: z.preprocess(
      lowerString,
      z.enum(['psql', 'pgbench'], {
        error: (issue) => (issue.input === undefined ? 'kind is required' : 'unknown run kind'),
      }),
    ),
    command: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{1,256}$/, 'command must be 1-256 characters of A-Z, a-z, 0-9, ".", "_", "/" and "-"')
      .nullable()
      .optional(),
    args: ArgList.optional(),
    stdin: z.string().nullable().optional(),
    steps: z
      .array(RunStep)
      .max(REQUEST_LIMITS.runSteps, `at most ${REQUEST_LIMITS.runSteps} steps are allowed`)
      .nullable()
      .optional(),
    timeout_seconds: extension(
      z
        .int('expected an integer number of seconds')
        .min(1, 'expected 1..86400 seconds')
        .max(MAX_RUN_TIMEOUT_SECONDS, 'expected 1..86400 seconds')
        .nullable(),
    ).optional(),
  },
  { error: reportUnknownFields },
);

/** Body of `POST /v1/runs`; `args` default to [], `steps` are psql only and exclude args and stdin. */
export const RunRequest = strictRun.superRefine((run, ctx) => {
  if (run.steps === undefined || run.steps === null || run.steps.length === 0) return;
  if (run.kind !== 'psql') {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: 'steps are only supported for run:psql' });
  }
  if (run.args !== undefined && run.args.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['args'], message: 'steps cannot be combined with args' });
  }
  if (run.stdin !== undefined && run.stdin !== null && run.stdin !== '') {
    ctx.addIssue({ code: 'custom', path: ['stdin'], message: 'steps cannot be combined with stdin' });
  }
});
/** A validated run request. */
export type RunRequest = z.infer<typeof RunRequest>;

/** One line of a run's NDJSON stream (api.md §6). */
export const RunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log'), ts: Timestamp, data: z.string() }),
  z.object({ type: z.literal('start'), ts: Timestamp, instance_id: RandomId, run_id: extension(z.string()) }),
  z.object({
    type: z.enum(['stdout', 'stderr']),
    ts: Timestamp,
    data: z.string(),
    step: extension(Count).optional(),
  }),
  z.object({ type: z.literal('exit'), ts: Timestamp, exit_code: z.int(), step: extension(Count).optional() }),
  z.object({ type: z.literal('error'), ts: Timestamp, error: ErrorResponse }),
]);
/** A run event. */
export type RunEvent = z.infer<typeof RunEvent>;
