import { expect, test } from 'vitest';
import { CONFIG_DEFAULTS, mergeConfig } from '../src/index.js';

test('lays overrides over defaults object by object; null and arrays replace', () => {
  const merged = mergeConfig(CONFIG_DEFAULTS, {
    cache: { capacity: { maxBytes: 1024, lowWatermark: 0.5 } },
    runtime: { portRange: [20000, 20010], process: { binDir: '/usr/lib/postgresql/17/bin' } },
    orchestrator: { jobs: { maxIdentical: null } },
    build: { serverSettings: { work_mem: '64MB' } },
  });
  expect(merged).toEqual({
    ...CONFIG_DEFAULTS,
    cache: { capacity: { ...CONFIG_DEFAULTS.cache.capacity, maxBytes: 1024, lowWatermark: 0.5 } },
    runtime: {
      ...CONFIG_DEFAULTS.runtime,
      portRange: [20000, 20010],
      process: { binDir: '/usr/lib/postgresql/17/bin', user: 'postgres' },
    },
    orchestrator: { jobs: { ...CONFIG_DEFAULTS.orchestrator.jobs, maxIdentical: null } },
    build: { serverSettings: { work_mem: '64MB' } },
  });
  expect(CONFIG_DEFAULTS.cache.capacity.maxBytes).toBeNull();
});

test('empty overrides give the defaults', () => {
  expect(mergeConfig(CONFIG_DEFAULTS, {})).toEqual(CONFIG_DEFAULTS);
});
