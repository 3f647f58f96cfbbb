// psql planning, include-closure hashing and the content-addressed cache keys of prepare (engine.md §2–§3).
export { CACHE_SCHEMA, baseId, buildConf, initSpecHash, jobSignature, psqlTaskHash, stateId } from './cache-keys.js';
export type { InitSpec, PsqlSourceKind, PsqlTaskKey, StepInputKind } from './cache-keys.js';
export type { PsqlSource } from './content-hash.js';
export type { FileHashOptions } from './file-hasher.js';
export { hashRecords, hashRecordsStream } from './hash-records.js';
export type { HashRecord, HashRecordOrStream, StreamedHashRecord } from './hash-records.js';
export { DEFAULT_CLOSURE_LIMITS } from './include-closure.js';
export type { ClosureEntry, ClosureLimits } from './include-closure.js';
export type { NameValues } from './name-values.js';
export { planPsql } from './psql-plan.js';
export type { PlannedPsqlStep, PsqlPlan, PsqlPlanOptions, PsqlPlanRequest } from './psql-plan.js';
export { verifyClosure } from './verify-closure.js';
