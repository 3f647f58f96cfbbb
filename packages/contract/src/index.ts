// zod schemas and types of every api.md shape and config key, Go durations, config paths, the ConfigStore interface and the psql/pgbench argument rules.
export { API_SCHEMAS, apiJsonSchemas, apiRegistry } from './api-schemas.js';
export type { ApiJsonSchemaOptions, ApiSchemaMeta, ApiSchemaName, JsonSchemaObject } from './api-schemas.js';
export { ArgList, LiquibaseEnv, REQUEST_LIMITS } from './arg-list.js';
export { EngineJson } from './engine-json.js';
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
export { argsSummary } from './psql-args/args-summary.js';
export type { ArgListPath } from './psql-args/arg-error.js';
export { checkPsqlStdin } from './psql-args/check-psql-stdin.js';
export type { OptionArity, OptionSpec, ParsedOption } from './psql-args/getopt.js';
export { parsePgbenchArgs } from './psql-args/parse-pgbench-args.js';
export type { ParsedPgbenchArgs, ParsePgbenchArgsOptions, PgbenchScript } from './psql-args/parse-pgbench-args.js';
export { parsePsqlArgs } from './psql-args/parse-psql-args.js';
export type { ParsePsqlArgsOptions } from './psql-args/parse-psql-args.js';
export type { ParsedPsqlArgs, PsqlArgsMode, PsqlStep, PsqlVariable } from './psql-args/parsed-psql-args.js';
export { PGBENCH_OPTIONS } from './psql-args/pgbench-option-table.js';
export type { PgbenchOptionClass } from './psql-args/pgbench-option-table.js';
export { ENFORCED_PSQL_ARGS, inputArgv, normalizePsqlArgs, stepArgv } from './psql-args/psql-argv.js';
export type { PsqlArgvSource } from './psql-args/psql-argv.js';
export { PSQL_OPTIONS } from './psql-args/psql-option-table.js';
export type { PsqlOptionClass } from './psql-args/psql-option-table.js';
export { shellJoin, shellQuote } from './psql-args/shell-quote.js';
export { validatePsqlPrepareRequest } from './psql-args/validate-psql-prepare-request.js';
export type { PsqlPrepareFields } from './psql-args/validate-psql-prepare-request.js';
export { validateRunRequestArgs } from './psql-args/validate-run-request-args.js';
export type { RunArgs } from './psql-args/validate-run-request-args.js';
export { MAX_RUN_TIMEOUT_SECONDS, RunEvent, RunRequest, RunStep } from './run.js';
export { MAX_SHUTDOWN_TIMEOUT_SECONDS, ShutdownAccepted, ShutdownRequest } from './shutdown.js';
export { StateEntry, StateStatus } from './state-entry.js';
export { TaskEntry } from './task-entry.js';
export { normalizeLiquibaseName, parseLiquibaseArgs, rejectedLiquibaseName } from './liquibase-args/parse-liquibase-args.js';
export type { LiquibaseCommand, LiquibaseOption, ParsedLiquibaseArgs } from './liquibase-args/parsed-liquibase-args.js';
export { validateLiquibaseEnv } from './liquibase-args/validate-liquibase-env.js';
export { validateDefaultsFile } from './liquibase-args/validate-defaults-file.js';
export type { DefaultsFileContent } from './liquibase-args/validate-defaults-file.js';
