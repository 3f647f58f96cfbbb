import { expect, test } from 'vitest';
import { CONFIG_DEFAULTS, EngineConfig } from '../src/index.js';

test('is the full default config of api.md §8 and passes its own schema', () => {
  expect(CONFIG_DEFAULTS).toEqual({
    log: { level: 'info' },
    runtime: {
      kind: 'auto',
      docker: { network: 'auto', memoryBytes: null, nanoCpus: null },
      process: { binDir: null, user: 'postgres' },
      portRange: [15432, 16431],
    },
    snapshot: { backend: 'auto' },
    orchestrator: { jobs: { maxIdentical: 2, maxConcurrent: 2, timeout: '1h' } },
    cache: { capacity: { maxBytes: null, reserveBytes: null, highWatermark: 0.9, lowWatermark: 0.8, minStateAge: '10m' } },
    instances: { defaultTtlSeconds: null, expiredRetention: '1h' },
    events: { heartbeatInterval: '500ms' },
    prepare: { statementTimeout: '30m' },
    build: { serverSettings: {} },
    liquibase: { exec: null, image: null },
  });
  expect(EngineConfig.parse(CONFIG_DEFAULTS)).toEqual(CONFIG_DEFAULTS);
});

test('is frozen all the way down', () => {
  expect(Object.isFrozen(CONFIG_DEFAULTS.cache.capacity)).toBe(true);
  expect(Object.isFrozen(CONFIG_DEFAULTS.runtime.portRange)).toBe(true);
});
