import { InstanceEntry, NameEntry, RunEvent } from '@sqlrs/contract';
import type { DeleteResult, ResetRequest, RunRequest } from '@sqlrs/contract';
import type { CallOptions, DeleteOptions, InstanceFilters, ListOptions, NameFilters, ResetOptions } from './client-options.js';
import { openEventStream } from './event-stream.js';
import type { EventStream } from './event-stream.js';
import type { HttpTransport } from './http-transport.js';
import { deleteCall, jsonCall, listCall } from './json-call.js';
import { pathSegment } from './query.js';

/**
 * Name, instance and run routes (api.md §5.2–§5.6, §6). An instance is addressed by id or name;
 * the engine's 307 from a name is followed keeping method, body and Authorization.
 */
export interface InstancesApi {
  /** `GET /v1/names?instance=&state=&image=`. */
  listNames(filters?: NameFilters, options?: ListOptions): Promise<NameEntry[]>;
  /** `GET /v1/names/{name}`. */
  getName(name: string, options?: CallOptions): Promise<NameEntry>;
  /** `GET /v1/instances?id_prefix=&state=&image=` (expired tombstones included). */
  listInstances(filters?: InstanceFilters, options?: ListOptions): Promise<InstanceEntry[]>;
  /** `GET /v1/instances/{id_or_name}`. */
  getInstance(idOrName: string, options?: CallOptions): Promise<InstanceEntry>;
  /** `DELETE /v1/instances/{id_or_name}?force=&dry_run=`; a blocked delete (409) is returned, not thrown. */
  deleteInstance(idOrName: string, options?: DeleteOptions): Promise<DeleteResult>;
  /** `POST /v1/instances/{id_or_name}/reset?force=`: restores the instance to its state. */
  resetInstance(idOrName: string, request?: ResetRequest, options?: ResetOptions): Promise<InstanceEntry>;
  /**
   * `POST /v1/runs`: resolves once the engine answered (400, 404, 409, 429, 503 throw here), then
   * yields the run's events live; leaving the loop early disconnects, which stops the tool.
   */
  run(request: RunRequest, options?: CallOptions): Promise<EventStream<RunEvent>>;
}

/** The {@link InstancesApi} methods over a transport. */
export function instancesApi(transport: HttpTransport): InstancesApi {
  const instancePath = (idOrName: string): string => `/v1/instances/${pathSegment(idOrName, 'id_or_name')}`;
  return {
    listNames: async (filters, options) =>
      listCall(
        transport,
        { path: '/v1/names', query: { instance: filters?.instance, state: filters?.state, image: filters?.image } },
        options,
        { schema: NameEntry, what: 'NameEntry' },
      ),
    getName: async (name, options) =>
      jsonCall(
        transport,
        { method: 'GET', path: `/v1/names/${pathSegment(name, 'name')}`, signal: options?.signal },
        { schema: NameEntry, what: 'NameEntry' },
      ),
    listInstances: async (filters, options) =>
      listCall(
        transport,
        { path: '/v1/instances', query: { id_prefix: filters?.id_prefix, state: filters?.state, image: filters?.image } },
        options,
        { schema: InstanceEntry, what: 'InstanceEntry' },
      ),
    getInstance: async (idOrName, options) =>
      jsonCall(
        transport,
        { method: 'GET', path: instancePath(idOrName), signal: options?.signal },
        { schema: InstanceEntry, what: 'InstanceEntry' },
      ),
    deleteInstance: async (idOrName, options) =>
      deleteCall(transport, {
        method: 'DELETE',
        path: instancePath(idOrName),
        query: { force: options?.force, dry_run: options?.dry_run },
        signal: options?.signal,
      }),
    resetInstance: async (idOrName, request, options) =>
      jsonCall(
        transport,
        {
          method: 'POST',
          path: `${instancePath(idOrName)}/reset`,
          query: { force: options?.force },
          body: request ?? {},
          signal: options?.signal,
        },
        { schema: InstanceEntry, what: 'InstanceEntry' },
      ),
    run: async (request, options) =>
      openEventStream(
        transport,
        { method: 'POST', path: '/v1/runs', body: request, signal: options?.signal },
        { schema: RunEvent, what: 'RunEvent' },
      ),
  };
}
