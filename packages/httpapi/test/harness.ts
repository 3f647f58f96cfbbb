// Builds the API in-process over the in-memory store, a config store made of contract's own pure
// operations, real metrics and a silent logger.
import {
  CONFIG_DEFAULTS,
  applyConfigDelete,
  applyConfigSet,
  mergeConfig,
  readConfigValue,
} from '@sqlrs/contract';
import type { ConfigOverrides, ConfigStore, ConfigValue, EngineConfig } from '@sqlrs/contract';
import type { Store } from '@sqlrs/store';
import { createMemoryStore } from '@sqlrs/store/testing';
import { createMetrics } from '@sqlrs/telemetry';
import { createHttpApi } from '../src/index.js';
import type { HttpApi, HttpApiOptions } from '../src/index.js';

const TOKEN = 'f'.repeat(64);
export const AUTH = { Authorization: `Bearer ${TOKEN}` };
const NOW = Date.parse('2025-06-01T09:30:00.125Z');
export const IDENTITY = {
  version: '0.1.0',
  instanceId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  pid: 4242,
  startedAt: '2025-06-01T09:00:00.000Z',
};

/** A ConfigStore over an in-memory overrides object, using contract's validation. */
function memoryConfig(): ConfigStore {
  let overrides: ConfigOverrides = {};
  function get(path?: undefined, o?: { effective?: boolean }): ConfigOverrides;
  function get(path: string, o?: { effective?: boolean }): ConfigValue;
  function get(path?: string, o: { effective?: boolean } = {}): ConfigOverrides | ConfigValue {
    if (path === undefined) return o.effective === true ? mergeConfig(CONFIG_DEFAULTS, overrides) : overrides;
    return readConfigValue(overrides, path, o);
  }
  return {
    get,
    async set(path, value) {
      const update = applyConfigSet(overrides, path, value);
      overrides = update.overrides;
      return update.answer;
    },
    async delete(path) {
      const update = applyConfigDelete(overrides, path);
      overrides = update.overrides;
      return update.answer;
    },
    effective: (): EngineConfig => mergeConfig(CONFIG_DEFAULTS, overrides) as EngineConfig,
  };
}

export interface Harness {
  api: HttpApi;
  store: Store;
  shuttingDown: { value: boolean };
  shutdownRequests: { drain: boolean; timeoutSeconds: number }[];
  /** Sends a request with the token unless `auth: false`. */
  request(method: string, path: string, o?: { body?: string; headers?: Record<string, string>; auth?: boolean }): Promise<Response>;
}

/** Optional collaborators a test passes through to `createHttpApi`. */
export type HarnessOptions = Partial<Pick<HttpApiOptions, 'prepare' | 'runs' | 'deletion' | 'instances' | 'heartbeatMs' | 'streamSlots' | 'activity' | 'now'>>;

export function harness(extra: HarnessOptions = {}): Harness {
  const store = createMemoryStore();
  const shuttingDown = { value: false };
  const shutdownRequests: { drain: boolean; timeoutSeconds: number }[] = [];
  let n = 0;
  const silent = { debug: () => undefined, error: () => undefined };
  const api = createHttpApi({
    identity: IDENTITY,
    authToken: TOKEN,
    store,
    config: memoryConfig(),
    metrics: createMetrics(),
    logger: silent,
    shutdown: {
      isShuttingDown: () => shuttingDown.value,
      request(o) {
        shutdownRequests.push(o);
        shuttingDown.value = true;
        return { status: 'shutting_down', drain: o.drain, deadline_at: new Date(NOW).toISOString(), running_jobs: 0, active_runs: 0, open_streams: 0 };
      },
    },
    newRequestId: () => `req-${++n}`,
    now: () => NOW,
    ...extra,
  });
  return {
    api,
    store,
    shuttingDown,
    shutdownRequests,
    request: (method, path, o = {}) =>
      Promise.resolve(
        api.app.request(path, {
          method,
          ...(o.body !== undefined ? { body: o.body } : {}),
          headers: { ...(o.auth === false ? {} : AUTH), ...o.headers },
        }),
      ),
  };
}
