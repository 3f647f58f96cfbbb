// The engine's HTTP API: hono routes over the contract schemas, errors, OpenAPI document.
export { createHttpApi } from './create-http-api.js';
export type { HttpApi, HttpApiOptions } from './create-http-api.js';
export type { ActivityTracker } from './request-context.js';
export type { EngineIdentity, EngineInfoSource, ShutdownControl } from './routes/engine.js';
export { HTTP_STATUS } from './http-status.js';
export type { DeletionService, InstanceLifecycle, JobEventFeed, PrepareService, PreparedRun, RunService } from './services.js';
export { MAX_EVENT_STREAMS, MAX_EVENT_STREAMS_PER_JOB, StreamSlots } from './stream-slots.js';
