import { ConfigValue } from '@sqlrs/contract';
import type { ConfigSetRequest } from '@sqlrs/contract';
import type { CallOptions, ConfigReadOptions } from './client-options.js';
import { JsonObject } from './json-documents.js';
import type { HttpTransport } from './http-transport.js';
import { jsonCall } from './json-call.js';

/** Config routes (api.md §8); paths are dot-separated camelCase keys like `cache.capacity.maxBytes`. */
export interface ConfigApi {
  /** `GET /v1/config?effective=`: the overrides, or defaults merged with them; `{}` when none. */
  getConfig(options?: ConfigReadOptions): Promise<JsonObject>;
  /** `GET /v1/config?path=&effective=`: one value (404 when the path has no value). */
  getConfigValue(path: string, options?: ConfigReadOptions): Promise<ConfigValue>;
  /** `PATCH /v1/config`: stores an override and echoes it, with `restart_required`. */
  setConfig(request: ConfigSetRequest, options?: CallOptions): Promise<ConfigValue>;
  /** `DELETE /v1/config?path=`: removes an override and returns the effective value after it. */
  deleteConfig(path: string, options?: CallOptions): Promise<ConfigValue>;
  /** `GET /v1/config/schema`: the config's JSON Schema (2020-12). */
  configSchema(options?: CallOptions): Promise<JsonObject>;
}

/** The {@link ConfigApi} methods over a transport. */
export function configApi(transport: HttpTransport): ConfigApi {
  return {
    getConfig: async (options) =>
      jsonCall(
        transport,
        { method: 'GET', path: '/v1/config', query: { effective: options?.effective }, signal: options?.signal },
        { schema: JsonObject, what: 'config object' },
      ),
    getConfigValue: async (path, options) =>
      jsonCall(
        transport,
        { method: 'GET', path: '/v1/config', query: { path, effective: options?.effective }, signal: options?.signal },
        { schema: ConfigValue, what: 'ConfigValue' },
      ),
    setConfig: async (request, options) =>
      jsonCall(
        transport,
        { method: 'PATCH', path: '/v1/config', body: request, signal: options?.signal },
        { schema: ConfigValue, what: 'ConfigValue' },
      ),
    deleteConfig: async (path, options) =>
      jsonCall(
        transport,
        { method: 'DELETE', path: '/v1/config', query: { path }, signal: options?.signal },
        { schema: ConfigValue, what: 'ConfigValue' },
      ),
    configSchema: async (options) =>
      jsonCall(
        transport,
        { method: 'GET', path: '/v1/config/schema', signal: options?.signal },
        { schema: JsonObject, what: 'config JSON Schema' },
      ),
  };
}
