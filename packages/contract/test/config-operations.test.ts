import { describe, expect, test } from 'vitest';
import { isSqlrsError } from '@sqlrs/errors';
import { CONFIG_DEFAULTS, applyConfigDelete, applyConfigSet, mergeConfig, readConfigValue } from '../src/index.js';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSqlrsError(error)) return { code: error.code, message: error.message, details: error.details, issues: error.issues };
    throw error;
  }
  throw new Error('expected an error');
}

describe('applyConfigSet', () => {
  test('stores the value, creating objects, and says whether a restart is needed', () => {
    const update = applyConfigSet({}, 'snapshot.backend', 'copy');
    expect(update).toEqual({
      overrides: { snapshot: { backend: 'copy' } },
      effective: mergeConfig(CONFIG_DEFAULTS, { snapshot: { backend: 'copy' } }),
      answer: { path: 'snapshot.backend', value: 'copy', restart_required: true },
    });
    expect(applyConfigSet({ log: { level: 'warn' } }, 'cache.capacity.maxBytes', null).answer).toEqual({
      path: 'cache.capacity.maxBytes',
      value: null,
      restart_required: false,
    });
  });

  test('echoes the normalised value and keeps durations as given', () => {
    expect(applyConfigSet({}, 'log.level', 'DEBUG').answer.value).toBe('debug');
    expect(applyConfigSet({}, 'cache.capacity.minStateAge', '1h30m').answer.value).toBe('1h30m');
  });

  test('a change inside a key starts from its effective value', () => {
    expect(applyConfigSet({}, 'runtime.portRange[1]', 20000).overrides).toEqual({ runtime: { portRange: [15432, 20000] } });
    expect(applyConfigSet({ build: { serverSettings: { a: '1' } } }, 'build.serverSettings.work_mem', '64MB').overrides).toEqual({
      build: { serverSettings: { a: '1', work_mem: '64MB' } },
    });
  });

  test('checks the cross-key rule against effective values (api.md §8 example)', () => {
    expect(errorOf(() => applyConfigSet({}, 'cache.capacity.lowWatermark', 0.95))).toEqual({
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'lowWatermark must be below highWatermark (0.9)',
      issues: [{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' }],
    });
  });

  test('rejects unknown keys, bad values, bad and missing paths', () => {
    expect(errorOf(() => applyConfigSet({}, 'warmPool.enabled', true))).toEqual({
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'unknown config key "warmPool.enabled"; see GET /v1/config/schema',
      issues: [{ path: 'warmPool.enabled', message: 'unknown config key "warmPool.enabled"; see GET /v1/config/schema' }],
    });
    expect(errorOf(() => applyConfigSet({}, 'events.heartbeatInterval', '10s'))).toEqual({
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'events.heartbeatInterval: expected a Go duration between 200ms and 5s (e.g. 500ms, 10m, 1h30m), got 10s',
      issues: [
        {
          path: 'events.heartbeatInterval',
          message: 'expected a Go duration between 200ms and 5s (e.g. 500ms, 10m, 1h30m), got 10s',
        },
      ],
    });
    expect(errorOf(() => applyConfigSet({}, 'a..b', 1))).toMatchObject({ code: 'invalid_argument', message: 'invalid path' });
    expect(errorOf(() => applyConfigSet({}, '', 1))).toEqual({
      code: 'invalid_argument',
      message: 'path is required',
      details: 'name a config key such as cache.capacity.maxBytes',
      issues: [{ path: 'path', message: 'path is required' }],
    });
  });
});

describe('applyConfigDelete', () => {
  test('removes the override and answers the effective value', () => {
    expect(applyConfigDelete({ snapshot: { backend: 'copy' }, log: { level: 'warn' } }, 'snapshot.backend')).toEqual({
      overrides: { log: { level: 'warn' } },
      effective: mergeConfig(CONFIG_DEFAULTS, { log: { level: 'warn' } }),
      answer: { path: 'snapshot.backend', value: 'auto', restart_required: true },
    });
    expect(applyConfigDelete({ liquibase: { exec: '/bin/lb' } }, 'liquibase.exec').answer).toEqual({
      path: 'liquibase.exec',
      value: null,
      restart_required: false,
    });
  });

  test('is 404 path not found without an override', () => {
    expect(errorOf(() => applyConfigDelete({}, 'snapshot.backend'))).toEqual({
      code: 'not_found',
      message: 'path not found',
      details: '"snapshot.backend" has no value; GET /v1/config?effective=true lists every key',
      issues: undefined,
    });
  });

  test('refuses a removal that breaks a cross-key rule', () => {
    const overrides = { cache: { capacity: { highWatermark: 0.99, lowWatermark: 0.95 } } };
    expect(errorOf(() => applyConfigDelete(overrides, 'cache.capacity.highWatermark'))).toMatchObject({
      message: 'invalid config value',
      details: 'lowWatermark must be below highWatermark (0.9)',
    });
  });
});

describe('readConfigValue', () => {
  const overrides = { cache: { capacity: { maxBytes: 1024 } } };

  test('reads overrides, or effective values with effective: true (api.md §8 example)', () => {
    expect(readConfigValue(overrides, 'cache.capacity.maxBytes')).toEqual({ path: 'cache.capacity.maxBytes', value: 1024 });
    expect(readConfigValue(overrides, 'cache.capacity.minStateAge', { effective: true })).toEqual({
      path: 'cache.capacity.minStateAge',
      value: '10m',
    });
    expect(readConfigValue(overrides, 'runtime.portRange[0]', { effective: true })).toEqual({ path: 'runtime.portRange[0]', value: 15432 });
    expect(readConfigValue({}, 'cache.capacity.maxBytes', { effective: true })).toEqual({ path: 'cache.capacity.maxBytes', value: null });
  });

  test('a key with only a default is not found without effective', () => {
    expect(errorOf(() => readConfigValue(overrides, 'cache.capacity.minStateAge'))).toMatchObject({ code: 'not_found', message: 'path not found' });
    expect(errorOf(() => readConfigValue(overrides, 'nope', { effective: true }))).toMatchObject({ code: 'not_found' });
  });
});
