import { describe, expect, test } from 'vitest';
import { CONFIG_DEFAULTS, configValueError, validateEffective, validateOverrides } from '../src/index.js';

describe('validateOverrides', () => {
  test('returns normalised overrides', () => {
    expect(validateOverrides({ log: { level: 'WARN' }, cache: { capacity: { minStateAge: '1h30m' } } })).toEqual({
      ok: true,
      value: { log: { level: 'warn' }, cache: { capacity: { minStateAge: '1h30m' } } },
    });
    expect(validateOverrides({})).toEqual({ ok: true, value: {} });
  });

  test('reports unknown keys and bad values as config paths', () => {
    expect(validateOverrides({ warmPool: { enabled: true }, runtime: { docker: { network: 'overlay' } } })).toEqual({
      ok: false,
      issues: [
        { path: 'runtime.docker.network', message: 'expected auto, host or bridge' },
        { path: 'warmPool', message: 'unknown config key "warmPool"; see GET /v1/config/schema' },
      ],
    });
    expect(validateOverrides('nope')).toEqual({ ok: false, issues: [{ path: '', message: 'Invalid input: expected object, received string' }] });
  });

  test('checks rules between keys on the effective config', () => {
    expect(validateOverrides({ cache: { capacity: { lowWatermark: 0.95 } } })).toEqual({
      ok: false,
      issues: [{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' }],
    });
    expect(validateOverrides({ cache: { capacity: { lowWatermark: 0.95, highWatermark: 0.99 } } }).ok).toBe(true);
    expect(validateOverrides({ cache: { capacity: { highWatermark: 0.5 } } })).toEqual({
      ok: false,
      issues: [{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.5)' }],
    });
  });
});

test('validateEffective requires every key', () => {
  const { log: _log, ...partial } = CONFIG_DEFAULTS;
  expect(validateEffective(partial)).toEqual({ ok: false, issues: [{ path: 'log', message: 'log is required' }] });
  expect(validateEffective(CONFIG_DEFAULTS)).toEqual({ ok: true, value: CONFIG_DEFAULTS });
});

test('configValueError is the §8 error body', () => {
  const error = configValueError([{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' }]);
  expect({ code: error.code, message: error.message, details: error.details, issues: error.issues }).toEqual({
    code: 'invalid_argument',
    message: 'invalid config value',
    details: 'lowWatermark must be below highWatermark (0.9)',
    issues: [{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' }],
  });
});
