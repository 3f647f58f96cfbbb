import { CacheExplainPrepareResponse, CacheStatus, StateEntry } from '@sqlrs/contract';
import type { CacheExplainPrepareRequest, DeleteResult } from '@sqlrs/contract';
import type { CallOptions, ListOptions, StateDeleteOptions, StateFilters } from './client-options.js';
import type { HttpTransport } from './http-transport.js';
import { deleteCall, jsonCall, listCall } from './json-call.js';
import { pathSegment } from './query.js';

/** State and cache routes (api.md §5.7, §5.8, §7). */
export interface StatesApi {
  /** `GET /v1/states?id_prefix=&kind=&image=`. */
  listStates(filters?: StateFilters, options?: ListOptions): Promise<StateEntry[]>;
  /** `GET /v1/states/{state_id}`. */
  getState(stateId: string, options?: CallOptions): Promise<StateEntry>;
  /** `DELETE /v1/states/{state_id}?recurse=&force=&dry_run=`; a blocked delete (409) is returned, not thrown. */
  deleteState(stateId: string, options?: StateDeleteOptions): Promise<DeleteResult>;
  /** `GET /v1/cache/status`. */
  cacheStatus(options?: CallOptions): Promise<CacheStatus>;
  /** `POST /v1/cache/explain/prepare`: whether a prepare would hit the cache; creates nothing. */
  explainPrepare(request: CacheExplainPrepareRequest, options?: CallOptions): Promise<CacheExplainPrepareResponse>;
}

/** The {@link StatesApi} methods over a transport. */
export function statesApi(transport: HttpTransport): StatesApi {
  const statePath = (stateId: string): string => `/v1/states/${pathSegment(stateId, 'state_id')}`;
  return {
    listStates: async (filters, options) =>
      listCall(
        transport,
        { path: '/v1/states', query: { id_prefix: filters?.id_prefix, kind: filters?.kind, image: filters?.image } },
        options,
        { schema: StateEntry, what: 'StateEntry' },
      ),
    getState: async (stateId, options) =>
      jsonCall(
        transport,
        { method: 'GET', path: statePath(stateId), signal: options?.signal },
        { schema: StateEntry, what: 'StateEntry' },
      ),
    deleteState: async (stateId, options) =>
      deleteCall(transport, {
        method: 'DELETE',
        path: statePath(stateId),
        query: { recurse: options?.recurse, force: options?.force, dry_run: options?.dry_run },
        signal: options?.signal,
      }),
    cacheStatus: async (options) =>
      jsonCall(
        transport,
        { method: 'GET', path: '/v1/cache/status', signal: options?.signal },
        { schema: CacheStatus, what: 'CacheStatus' },
      ),
    explainPrepare: async (request, options) =>
      jsonCall(
        transport,
        { method: 'POST', path: '/v1/cache/explain/prepare', body: request, signal: options?.signal },
        { schema: CacheExplainPrepareResponse, what: 'CacheExplainPrepareResponse' },
      ),
  };
}
