import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { CONFIG_KEYS, EngineConfigShape, configDefault, configKeysAt, isConfigKey, isRestartRequired } from '../src/index.js';

function leafPaths(schema: z.ZodObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, value]) =>
    value instanceof z.ZodObject ? leafPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('CONFIG_KEYS', () => {
  test('lists exactly the leaves of the config schema', () => {
    expect(Object.keys(CONFIG_KEYS).sort()).toEqual(leafPaths(EngineConfigShape).sort());
  });

  test('carries the applies column of api.md §8', () => {
    const applies = Object.fromEntries(Object.entries(CONFIG_KEYS).map(([key, info]) => [key, info.applies]));
    expect(applies).toEqual({
      'log.level': 'live',
      'runtime.kind': 'restart',
      'snapshot.backend': 'restart',
      'orchestrator.jobs.maxIdentical': 'live',
      'orchestrator.jobs.maxConcurrent': 'live',
      'orchestrator.jobs.timeout': 'new_jobs',
      'cache.capacity.maxBytes': 'live',
      'cache.capacity.reserveBytes': 'live',
      'cache.capacity.highWatermark': 'live',
      'cache.capacity.lowWatermark': 'live',
      'cache.capacity.minStateAge': 'live',
      'instances.defaultTtlSeconds': 'new_instances',
      'instances.expiredRetention': 'live',
      'events.heartbeatInterval': 'live',
      'prepare.statementTimeout': 'new_steps',
      'build.serverSettings': 'new_states',
      'runtime.docker.network': 'new_sandboxes',
      'runtime.docker.memoryBytes': 'new_sandboxes',
      'runtime.docker.nanoCpus': 'new_sandboxes',
      'runtime.process.binDir': 'restart',
      'runtime.process.user': 'restart',
      'runtime.portRange': 'new_sandboxes',
      'liquibase.exec': 'live',
      'liquibase.image': 'new_jobs',
    });
  });

  test('marks the upstream keys as not extensions', () => {
    const upstream = Object.entries(CONFIG_KEYS).filter(([, info]) => !info.extension).map(([key]) => key);
    expect(upstream).toEqual([
      'log.level',
      'snapshot.backend',
      'orchestrator.jobs.maxIdentical',
      'cache.capacity.maxBytes',
      'cache.capacity.reserveBytes',
      'cache.capacity.highWatermark',
      'cache.capacity.lowWatermark',
      'cache.capacity.minStateAge',
    ]);
  });
});

describe('key lookup', () => {
  test('configKeysAt finds the key, the key containing a path, or the keys below a section', () => {
    expect(configKeysAt('log.level')).toEqual(['log.level']);
    expect(configKeysAt('runtime.portRange[0]')).toEqual(['runtime.portRange']);
    expect(configKeysAt('build.serverSettings.work_mem')).toEqual(['build.serverSettings']);
    expect(configKeysAt('runtime.docker')).toEqual(['runtime.docker.network', 'runtime.docker.memoryBytes', 'runtime.docker.nanoCpus']);
    expect(configKeysAt('warmPool.enabled')).toEqual([]);
    expect(configKeysAt('log.level.x')).toEqual(['log.level']);
  });

  test('isRestartRequired follows the applies column', () => {
    expect(isRestartRequired('snapshot.backend')).toBe(true);
    expect(isRestartRequired('runtime')).toBe(true);
    expect(isRestartRequired('cache.capacity.lowWatermark')).toBe(false);
    expect(isRestartRequired('runtime.docker')).toBe(false);
  });

  test('isConfigKey and configDefault', () => {
    expect(isConfigKey('events.heartbeatInterval')).toBe(true);
    expect(isConfigKey('events')).toBe(false);
    expect(isConfigKey('toString')).toBe(false);
    expect(configDefault('events.heartbeatInterval')).toBe('500ms');
    expect(configDefault('runtime.portRange')).toEqual([15432, 16431]);
  });
});
