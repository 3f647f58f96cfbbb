// Typed HTTP client of the sqlrs engine API (api.md): one method per route, answers validated by @sqlrs/contract.
export { createClient } from './sqlrs-client.js';
export type { SqlrsClient } from './sqlrs-client.js';
export type {
  CallOptions,
  ClientOptions,
  ConfigReadOptions,
  DeleteOptions,
  EventsOptions,
  InstanceFilters,
  ListOptions,
  NameFilters,
  PrepareJobFilters,
  ResetOptions,
  StateDeleteOptions,
  StateFilters,
  TaskFilters,
} from './client-options.js';
export type { ConfigApi } from './config-api.js';
export type { EngineApi } from './engine-api.js';
export type { EventStream } from './event-stream.js';
export type { InstancesApi } from './instances-api.js';
export { DEFAULT_TIMEOUT_MS } from './http-transport.js';
export type { JsonObject, OpenApiDocument } from './json-documents.js';
export type { PrepareJobsApi } from './prepare-jobs-api.js';
export type { StatesApi } from './states-api.js';
