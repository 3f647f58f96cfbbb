import type { ClientOptions } from './client-options.js';
import { configApi } from './config-api.js';
import type { ConfigApi } from './config-api.js';
import { engineApi } from './engine-api.js';
import type { EngineApi } from './engine-api.js';
import { HttpTransport } from './http-transport.js';
import { instancesApi } from './instances-api.js';
import type { InstancesApi } from './instances-api.js';
import { prepareJobsApi } from './prepare-jobs-api.js';
import type { PrepareJobsApi } from './prepare-jobs-api.js';
import { statesApi } from './states-api.js';
import type { StatesApi } from './states-api.js';

/**
 * The typed client of the engine API: one method per route of api.md §2. Answers are validated
 * against the `@sqlrs/contract` schemas; error answers throw `SqlrsError` with the body's fields.
 */
export interface SqlrsClient extends EngineApi, PrepareJobsApi, InstancesApi, StatesApi, ConfigApi {
  /** The endpoint as given to {@link createClient}. */
  readonly endpoint: string;
}

/** Creates a client for the engine at `options.endpoint` (no request is sent until a method is called). */
export function createClient(options: ClientOptions): SqlrsClient {
  const transport = new HttpTransport(options);
  return {
    endpoint: transport.endpoint,
    ...engineApi(transport),
    ...prepareJobsApi(transport),
    ...instancesApi(transport),
    ...statesApi(transport),
    ...configApi(transport),
  };
}
