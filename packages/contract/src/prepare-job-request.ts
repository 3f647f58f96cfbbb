import { z } from 'zod';
import { ArgList, LiquibaseEnv } from './arg-list.js';
import { Name, PrepareKind, TtlSeconds, extension, trimString, reportUnknownFields } from './primitives.js';

const IMAGE_REF = /^\S+$/;

const prepareKind = z.preprocess(
  trimString,
  z.enum(PrepareKind.options, {
    error: (issue) => (issue.input === undefined ? 'prepare_kind is required' : 'prepare_kind must be "psql" or "lb"'),
  }),
);

const imageId = z.preprocess(
  trimString,
  z
    .string({ error: (issue) => (issue.input === undefined ? 'image_id is required' : 'image_id must be a string') })
    .min(1, { abort: true, message: 'image_id is required' })
    .max(512, 'image_id must be at most 512 characters')
    .regex(IMAGE_REF, 'image_id must not contain whitespace'),
);

const execMode = z.enum(['auto', 'native', ''], {
  error: (issue) =>
    issue.input === 'windows-bat'
      ? 'liquibase_exec_mode windows-bat is not supported; use auto or native'
      : 'liquibase_exec_mode must be "auto" or "native"',
});

const workDir = z.string().refine((value) => value === '' || value.startsWith('/'), 'work_dir must be an absolute path');

const fields = {
  prepare_kind: prepareKind,
  image_id: imageId,
  psql_args: ArgList.nullable().optional(),
  stdin: z.string().nullable().optional(),
  liquibase_args: ArgList.nullable().optional(),
  liquibase_exec: z.string().nullable().optional(),
  liquibase_exec_mode: execMode.nullable().optional(),
  liquibase_env: LiquibaseEnv.nullable().optional(),
  work_dir: workDir.nullable().optional(),
  plan_only: z.boolean().optional(),
  name: extension(Name.nullable()).optional(),
  rebind: extension(z.boolean()).optional(),
  ttl_seconds: extension(TtlSeconds.nullable()).optional(),
  source_manifest: z.unknown().optional(),
};

const strictBody = z.strictObject(fields, { error: reportUnknownFields });

type Body = z.infer<typeof strictBody>;

const PSQL_ONLY = ['psql_args', 'stdin'] as const;
const LB_ONLY = ['liquibase_args', 'liquibase_exec', 'liquibase_exec_mode', 'liquibase_env', 'work_dir'] as const;

/** True for the values api.md §4.1 treats as "not given": absent, null, [], "" and {}. */
function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function checkKindFields(body: Body, ctx: z.RefinementCtx): void {
  const foreign = body.prepare_kind === 'psql' ? LB_ONLY : PSQL_ONLY;
  for (const field of foreign) {
    if (!isEmptyValue(body[field])) {
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} is not valid for prepare_kind ${body.prepare_kind}` });
    }
  }
  if (body.prepare_kind === 'lb' && isEmptyValue(body.liquibase_args)) {
    ctx.addIssue({ code: 'custom', path: ['liquibase_args'], message: 'liquibase_args is required for prepare_kind lb' });
  }
}

function checkPlanOnly(body: Body, ctx: z.RefinementCtx): void {
  if (body.plan_only !== true) return;
  if (body.name !== undefined && body.name !== null) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'name is not valid with plan_only; no instance is created' });
  }
  if (body.ttl_seconds !== undefined && body.ttl_seconds !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['ttl_seconds'],
      message: 'ttl_seconds is not valid with plan_only; no instance is created',
    });
  }
}

/** Body of `POST /v1/prepare-jobs` with the I/O-free rules of api.md §4.1 and the limits of §1.9. */
export const PrepareJobRequest = strictBody.superRefine((body, ctx) => {
  checkKindFields(body, ctx);
  checkPlanOnly(body, ctx);
});
/** A validated prepare request. */
export type PrepareJobRequest = z.infer<typeof PrepareJobRequest>;

/** Body of `POST /v1/cache/explain/prepare`: a prepare request whose plan_only, name and ttl are ignored. */
export const CacheExplainPrepareRequest = strictBody.superRefine(checkKindFields);
/** A validated explain request. */
export type CacheExplainPrepareRequest = z.infer<typeof CacheExplainPrepareRequest>;
