import { describe, expect, test } from 'vitest';
import { CONFIG_DEFAULTS, EngineConfig, mergeConfig, toErrorIssues } from '../src/index.js';
import type { ConfigOverrides } from '../src/index.js';

function issuesOf(overrides: unknown) {
  const result = EngineConfig.safeParse(mergeConfig(CONFIG_DEFAULTS, overrides as ConfigOverrides));
  return result.success ? [] : toErrorIssues(result.error);
}

describe('EngineConfig', () => {
  test('accepts boundary values of every key', () => {
    const config = mergeConfig(CONFIG_DEFAULTS, {
      log: { level: 'error' },
      runtime: {
        kind: 'process',
        docker: { network: 'bridge', memoryBytes: 0, nanoCpus: 2_000_000_000 },
        process: { binDir: '/opt/pg/bin', user: 'pg_user' },
        portRange: [1024, 1024],
      },
      snapshot: { backend: 'reflink' },
      orchestrator: { jobs: { maxIdentical: 0, maxConcurrent: 32, timeout: '1ms' } },
      cache: { capacity: { maxBytes: 0, reserveBytes: 10, highWatermark: 1, lowWatermark: 0.99, minStateAge: '0' } },
      instances: { defaultTtlSeconds: 0, expiredRetention: '0s' },
      events: { heartbeatInterval: '5s' },
      prepare: { statementTimeout: '0' },
      build: { serverSettings: { work_mem: '64MB', 'auto_explain.log_min_duration': '0' } },
      liquibase: { exec: 'liquibase', image: 'liquibase/liquibase:4.28' },
    });
    expect(EngineConfig.parse(config)).toEqual(config);
  });

  test('lowercases log.level', () => {
    expect(EngineConfig.parse(mergeConfig(CONFIG_DEFAULTS, { log: { level: 'DEBUG' as 'debug' } })).log.level).toBe('debug');
  });

  test('rejects out-of-range values with config paths', () => {
    expect(
      issuesOf({
        log: { level: 'trace' },
        snapshot: { backend: 'overlay' },
        orchestrator: { jobs: { maxConcurrent: 33, timeout: '0s', maxIdentical: -1 } },
        cache: { capacity: { highWatermark: 0, minStateAge: '-1m', maxBytes: 1.5 } },
        instances: { defaultTtlSeconds: 2_592_001 },
        events: { heartbeatInterval: '100ms' },
        runtime: { portRange: [80, 70000], process: { binDir: 'bin' } },
        liquibase: { image: 'has space' },
      }),
    ).toEqual([
      { path: 'log.level', message: 'expected debug, info, warn or error' },
      { path: 'runtime.process.binDir', message: 'expected an absolute path' },
      { path: 'runtime.portRange[0]', message: 'ports must be integers in 1024..65535' },
      { path: 'runtime.portRange[1]', message: 'ports must be integers in 1024..65535' },
      { path: 'snapshot.backend', message: 'the overlay backend is not supported; use auto, btrfs, reflink or copy' },
      { path: 'orchestrator.jobs.maxIdentical', message: 'expected an integer >= 0 or null' },
      { path: 'orchestrator.jobs.maxConcurrent', message: 'expected 1..32' },
      { path: 'orchestrator.jobs.timeout', message: 'expected a Go duration of at least 1ms (e.g. 500ms, 10m, 1h30m), got 0s' },
      { path: 'cache.capacity.maxBytes', message: 'expected an integer >= 0 or null' },
      { path: 'cache.capacity.highWatermark', message: 'expected a fraction in (0, 1]' },
      { path: 'cache.capacity.minStateAge', message: 'expected a Go duration of at least 0s (e.g. 500ms, 10m, 1h30m), got -1m0s' },
      { path: 'instances.defaultTtlSeconds', message: 'expected 0 (never expires) or 1..2592000 seconds' },
      { path: 'events.heartbeatInterval', message: 'expected a Go duration between 200ms and 5s (e.g. 500ms, 10m, 1h30m), got 100ms' },
      { path: 'liquibase.image', message: 'expected an image reference of 1-512 characters without whitespace' },
    ]);
  });

  test('rejects a reversed port range and a bad duration', () => {
    expect(issuesOf({ runtime: { portRange: [16000, 15000] }, prepare: { statementTimeout: '30 minutes' } })).toEqual([
      { path: 'runtime.portRange', message: 'expected [low, high] with low <= high' },
      { path: 'prepare.statementTimeout', message: 'expected a Go duration of at least 0s (e.g. 500ms, 10m, 1h30m)' },
    ]);
  });

  test('requires lowWatermark below highWatermark', () => {
    expect(issuesOf({ cache: { capacity: { lowWatermark: 0.95 } } })).toEqual([
      { path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' },
    ]);
  });

  test('rejects unknown keys, warmPool included', () => {
    expect(issuesOf({ warmPool: { enabled: true }, cache: { capacity: { max: 1 } } })).toEqual([
      { path: 'cache.capacity.max', message: 'unknown field "max"' },
      { path: 'warmPool', message: 'unknown field "warmPool"' },
    ]);
  });
});

test('portRange must be a pair', () => {
  expect(issuesOf({ runtime: { portRange: [15000] } }).map((issue) => issue.path)).toEqual(['runtime.portRange']);
  expect(issuesOf({ runtime: { portRange: '15000-16000' } })).toEqual([{ path: 'runtime.portRange', message: 'expected [low, high]' }]);
});
