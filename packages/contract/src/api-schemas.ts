import { z } from 'zod';
import { CacheEvictionSummary, CacheExplainPrepareResponse, CacheStatus } from './cache.js';
import { ConfigSetRequest, ConfigValue } from './config-value.js';
import { BlockReason, DeleteNode, DeleteResult } from './delete-result.js';
import { EngineInfo } from './engine-info.js';
import { ErrorCode, ErrorResponse } from './error-response.js';
import { HealthResponse } from './health-response.js';
import { InstanceEntry, ResetRequest } from './instance-entry.js';
import { NameEntry } from './name-entry.js';
import { PlanTask, TaskInput, TaskStatus } from './plan-task.js';
import { JobStatus, PrepareJobAccepted, PrepareJobEntry, PrepareJobResult } from './prepare-job.js';
import { PrepareJobEvent } from './prepare-job-event.js';
import { PrepareJobRequest } from './prepare-job-request.js';
import { PrepareJobStatus } from './prepare-job-status.js';
import { RunEvent, RunRequest, RunStep } from './run.js';
import { ShutdownAccepted, ShutdownRequest } from './shutdown.js';
import { StateEntry } from './state-entry.js';
import { TaskEntry } from './task-entry.js';

/** Every named type of api.md, by its api.md name (the OpenAPI component names, §3.3). */
export const API_SCHEMAS = {
  ErrorCode,
  ErrorResponse,
  HealthResponse,
  ShutdownRequest,
  ShutdownAccepted,
  EngineInfo,
  PrepareJobRequest,
  PrepareJobAccepted,
  JobStatus,
  PrepareJobEntry,
  PrepareJobStatus,
  PrepareJobResult,
  PrepareJobEvent,
  TaskStatus,
  TaskEntry,
  TaskInput,
  PlanTask,
  InstanceEntry,
  ResetRequest,
  StateEntry,
  NameEntry,
  BlockReason,
  DeleteNode,
  DeleteResult,
  RunRequest,
  RunStep,
  RunEvent,
  CacheStatus,
  CacheEvictionSummary,
  CacheExplainPrepareResponse,
  ConfigValue,
  ConfigSetRequest,
} as const satisfies Record<string, z.ZodType>;

/** Name of a schema in {@link API_SCHEMAS}. */
export type ApiSchemaName = keyof typeof API_SCHEMAS;

/** Registry metadata: the api.md name, used as the JSON Schema / OpenAPI component id. */
export interface ApiSchemaMeta {
  id: string;
}

/** A zod registry holding every schema of {@link API_SCHEMAS} under its api.md name. */
export const apiRegistry = z.registry<ApiSchemaMeta>();
for (const [id, schema] of Object.entries(API_SCHEMAS)) apiRegistry.add(schema, { id });

/** Options of {@link apiJsonSchemas}. */
export interface ApiJsonSchemaOptions {
  /** `input` documents what requests may send, `output` what responses carry (default `output`). */
  io?: 'input' | 'output';
  /** Builds a reference to a named schema; default `#/components/schemas/<Name>`. */
  uri?: (id: string) => string;
}

/** A JSON Schema object as `z.toJSONSchema` emits it. */
export type JsonSchemaObject = Record<string, unknown>;

/** JSON Schema (2020-12) of every named api.md type, referencing each other by `uri`, ready for OpenAPI 3.1 components. */
export function apiJsonSchemas(options: ApiJsonSchemaOptions = {}): Record<ApiSchemaName, JsonSchemaObject> {
  const uri = options.uri ?? ((id: string) => `#/components/schemas/${id}`);
  const { schemas } = z.toJSONSchema(apiRegistry, { io: options.io ?? 'output', uri });
  const out: Record<string, JsonSchemaObject> = {};
  for (const name of Object.keys(API_SCHEMAS)) {
    const schema: JsonSchemaObject = { ...schemas[name] };
    delete schema.$schema;
    delete schema.$id;
    out[name] = schema;
  }
  return out as Record<ApiSchemaName, JsonSchemaObject>;
}
