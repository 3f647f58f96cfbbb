// zod schemas and types of every api.md shape and config key, Go durations, config paths and the ConfigStore interface.
export { API_SCHEMAS, apiJsonSchemas, apiRegistry } from './api-schemas.js';
export type { ApiJsonSchemaOptions, ApiSchemaMeta, ApiSchemaName, JsonSchemaObject } from './api-schemas.js';
export { ArgList, LiquibaseEnv, REQUEST_LIMITS } from './arg-list.js';
export { CacheEvictionSummary, CacheExplainPrepareResponse, CacheStatus, EvictionTrigger } from './cache.js';
export { CONFIG_DEFAULTS } from './config-defaults.js';
export { configJsonSchema } from './config-json-schema.js';
export { CONFIG_KEYS, configDefault, configKeysAt, isConfigKey, isRestartRequired } from './config-keys.js';
export type { ConfigApplies, ConfigKey, ConfigKeyInfo } from './config-keys.js';
export { mergeConfig } from './config-merge.js';
export { applyConfigDelete, applyConfigSet, readConfigValue } from './config-operations.js';
export type { ConfigUpdate } from './config-operations.js';
export { ConfigOverrides } from './config-overrides.js';
export type { DeepPartial } from './config-overrides.js';
export { deleteAtPath, formatConfigPath, getAtPath, parseConfigPath, setAtPath } from './config-path.js';
export type { ConfigPathSegment, DeleteAtPathResult } from './config-path.js';
export { EngineConfig, EngineConfigShape, checkConfigRules } from './config-schema.js';
export type { ConfigChange, ConfigGetOptions, ConfigStore } from './config-store.js';
export { configValueError, validateEffective, validateOverrides } from './config-validate.js';
export type { ConfigValidation } from './config-validate.js';
export { ConfigSetRequest, ConfigValue } from './config-value.js';
export { BlockReason, DeleteNode, DeleteResult } from './delete-result.js';
export { formatDuration, formatDurationNs, isDuration, parseDuration, parseDurationNs } from './duration.js';
export { durationString } from './duration-schema.js';
export type { DurationBounds } from './duration-schema.js';
export { EngineInfo, RuntimeKind, SnapshotBackend } from './engine-info.js';
export { ErrorCode, ErrorResponse } from './error-response.js';
export { HealthResponse } from './health-response.js';
export { InstanceEntry, InstanceStatus, ResetRequest } from './instance-entry.js';
export { formatIssuePath, issueSentence, parseOrThrow, toErrorIssues, validationError } from './issues.js';
export type { ToErrorIssuesOptions } from './issues.js';
export { NameEntry } from './name-entry.js';
export { PlanTask, TaskInput, TaskStatus, TaskType } from './plan-task.js';
export { JobStatus, PrepareJobAccepted, PrepareJobEntry, PrepareJobResult } from './prepare-job.js';
export { PrepareJobEvent, PrepareJobEventType } from './prepare-job-event.js';
export { CacheExplainPrepareRequest, PrepareJobRequest } from './prepare-job-request.js';
export { PrepareJobStatus } from './prepare-job-status.js';
export {
  Count,
  EXTENSION_KEYWORD,
  MAX_TTL_SECONDS,
  Name,
  Port,
  PrepareKind,
  RandomId,
  StateId,
  Timestamp,
  TtlSeconds,
  extension,
  reportUnknownFields,
} from './primitives.js';
export { MAX_RUN_TIMEOUT_SECONDS, RunEvent, RunRequest, RunStep } from './run.js';
export { MAX_SHUTDOWN_TIMEOUT_SECONDS, ShutdownAccepted, ShutdownRequest } from './shutdown.js';
export { StateEntry, StateStatus } from './state-entry.js';
export { TaskEntry } from './task-entry.js';
