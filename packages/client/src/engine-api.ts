import { EngineInfo, HealthResponse, ShutdownAccepted } from '@sqlrs/contract';
import type { ShutdownRequest } from '@sqlrs/contract';
import type { CallOptions } from './client-options.js';
import { OpenApiDocument } from './json-documents.js';
import type { HttpTransport } from './http-transport.js';
import { jsonCall } from './json-call.js';
import { bodyValue } from './response-error.js';
import { expectSuccess, readJson } from './read-body.js';

/** Engine routes (api.md §3). */
export interface EngineApi {
  /** `GET /v1/health`; during shutdown the 503 body is returned with `ok: false` instead of thrown. */
  health(options?: CallOptions): Promise<HealthResponse>;
  /** `GET /v1/engine`: identity and the runtime, snapshot backend and Liquibase resolved at startup. */
  engineInfo(options?: CallOptions): Promise<EngineInfo>;
  /** `POST /v1/engine/shutdown` (202); without a request the engine uses drain false, 30 s. */
  shutdown(request?: ShutdownRequest, options?: CallOptions): Promise<ShutdownAccepted>;
  /** `GET /v1/openapi.json`. */
  openapi(options?: CallOptions): Promise<OpenApiDocument>;
  /** `GET /metrics`: the Prometheus text exposition. */
  metrics(options?: CallOptions): Promise<string>;
}

/** The {@link EngineApi} methods over a transport. */
export function engineApi(transport: HttpTransport): EngineApi {
  return {
    async health(options) {
      const response = await transport.request({ method: 'GET', path: '/v1/health', signal: options?.signal });
      if (response.status === 503 && HealthResponse.safeParse(bodyValue(response.text)).success) {
        return readJson(response, HealthResponse, 'HealthResponse');
      }
      return readJson(expectSuccess(response), HealthResponse, 'HealthResponse');
    },
    engineInfo: async (options) =>
      jsonCall(transport, { method: 'GET', path: '/v1/engine', signal: options?.signal }, { schema: EngineInfo, what: 'EngineInfo' }),
    shutdown: async (request, options) =>
      jsonCall(
        transport,
        { method: 'POST', path: '/v1/engine/shutdown', body: request, signal: options?.signal },
        { schema: ShutdownAccepted, what: 'ShutdownAccepted' },
      ),
    openapi: async (options) =>
      jsonCall(
        transport,
        { method: 'GET', path: '/v1/openapi.json', signal: options?.signal },
        { schema: OpenApiDocument, what: 'OpenAPI document' },
      ),
    async metrics(options) {
      const response = await transport.request({
        method: 'GET',
        path: '/metrics',
        headers: { accept: 'text/plain' },
        signal: options?.signal,
      });
      return expectSuccess(response).text;
    },
  };
}
