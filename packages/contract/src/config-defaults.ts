import type { EngineConfig } from './config-schema.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The effective config when `config.json` has no overrides (api.md §8 defaults); frozen. */
export const CONFIG_DEFAULTS: EngineConfig = deepFreeze({
  log: { level: 'info' },
  runtime: {
    kind: 'auto',
    docker: { network: 'auto', memoryBytes: null, nanoCpus: null },
    process: { binDir: null, user: 'postgres' },
    portRange: [15432, 16431],
  },
  snapshot: { backend: 'auto' },
  orchestrator: { jobs: { maxIdentical: 2, maxConcurrent: 2, timeout: '1h' } },
  cache: {
    capacity: { maxBytes: null, reserveBytes: null, highWatermark: 0.9, lowWatermark: 0.8, minStateAge: '10m' },
  },
  instances: { defaultTtlSeconds: null, expiredRetention: '1h' },
  events: { heartbeatInterval: '500ms' },
  prepare: { statementTimeout: '30m' },
  build: { serverSettings: {} },
  liquibase: { exec: null, image: null },
});
