import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '@sqlrs/contract';
import type { ConfigChange } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { openConfigService } from '../src/index.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlrs-config-'));
  path = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const stored = (): unknown => JSON.parse(readFileSync(path, 'utf8'));

async function failure(action: () => unknown): Promise<object> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SqlrsError);
  const e = caught as SqlrsError;
  return { code: e.code, message: e.message, details: e.details, issues: e.issues, data: e.data };
}

describe('openConfigService', () => {
  it('starts from the defaults when config.json is absent', async () => {
    const config = await openConfigService({ path });
    expect(config.get()).toEqual({});
    expect(config.get(undefined, { effective: true })).toEqual(CONFIG_DEFAULTS);
    expect(config.effective()).toEqual(CONFIG_DEFAULTS);
    expect(config.get('cache.capacity.minStateAge', { effective: true })).toEqual({
      path: 'cache.capacity.minStateAge',
      value: '10m',
    });
  });

  it('answers path not found for a key that only has a default, unless effective', async () => {
    const config = await openConfigService({ path });
    expect(await failure(() => config.get('log.level'))).toEqual({
      code: 'not_found',
      message: 'path not found',
      details: '"log.level" has no value; GET /v1/config?effective=true lists every key',
      issues: undefined,
      data: undefined,
    });
  });

  it('stores a set value in config.json (mode 0600) and answers restart_required', async () => {
    const config = await openConfigService({ path });
    expect(await config.set('snapshot.backend', 'copy')).toEqual({
      path: 'snapshot.backend',
      value: 'copy',
      restart_required: true,
    });
    expect(stored()).toEqual({ snapshot: { backend: 'copy' } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(config.get('snapshot.backend')).toEqual({ path: 'snapshot.backend', value: 'copy' });
    const reopened = await openConfigService({ path });
    expect(reopened.effective().snapshot.backend).toBe('copy');
  });

  it('creates missing intermediate objects and echoes the normalised value', async () => {
    const config = await openConfigService({ path });
    expect(await config.set('log.level', 'DEBUG')).toEqual({ path: 'log.level', value: 'debug', restart_required: false });
    await config.set('cache.capacity.maxBytes', 1_000_000);
    expect(stored()).toEqual({ log: { level: 'debug' }, cache: { capacity: { maxBytes: 1_000_000 } } });
    expect(config.get()).toEqual({ log: { level: 'debug' }, cache: { capacity: { maxBytes: 1_000_000 } } });
  });

  it('checks cross-field rules against effective values and stores nothing on failure', async () => {
    const config = await openConfigService({ path });
    expect(await failure(() => config.set('cache.capacity.lowWatermark', 0.95))).toEqual({
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'lowWatermark must be below highWatermark (0.9)',
      issues: [{ path: 'cache.capacity.lowWatermark', message: 'lowWatermark must be below highWatermark (0.9)' }],
      data: undefined,
    });
    await config.set('cache.capacity.highWatermark', 0.99);
    expect(await config.set('cache.capacity.lowWatermark', 0.95)).toEqual({
      path: 'cache.capacity.lowWatermark',
      value: 0.95,
      restart_required: false,
    });
    expect(stored()).toEqual({ cache: { capacity: { highWatermark: 0.99, lowWatermark: 0.95 } } });
  });

  it('rejects bad paths, a missing path and values of the wrong type', async () => {
    const config = await openConfigService({ path });
    expect(await failure(() => config.set('a..b', 1))).toMatchObject({ code: 'invalid_argument', message: 'invalid path' });
    expect(await failure(() => config.set('', 1))).toMatchObject({ code: 'invalid_argument', message: 'path is required' });
    expect(await failure(() => config.set('orchestrator.jobs.maxConcurrent', 64))).toEqual({
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'orchestrator.jobs.maxConcurrent: expected 1..32',
      issues: [{ path: 'orchestrator.jobs.maxConcurrent', message: 'expected 1..32' }],
      data: undefined,
    });
    expect(await failure(() => config.set('warmPool.enabled', true))).toMatchObject({
      code: 'invalid_argument',
      message: 'invalid config value',
    });
    expect(() => readFileSync(path)).toThrow();
  });

  it('deletes an override and answers the effective value after removal', async () => {
    const config = await openConfigService({ path });
    await config.set('snapshot.backend', 'copy');
    await config.set('log.level', 'warn');
    expect(await config.delete('snapshot.backend')).toEqual({
      path: 'snapshot.backend',
      value: 'auto',
      restart_required: true,
    });
    expect(stored()).toEqual({ log: { level: 'warn' } });
    expect(await config.delete('liquibase.exec').catch((e: SqlrsError) => [e.code, e.message])).toEqual([
      'not_found',
      'path not found',
    ]);
  });

  it('tells onChange and subscribers about each change, until they unsubscribe', async () => {
    const heard: ConfigChange[] = [];
    const subscribed: string[] = [];
    const config = await openConfigService({ path, onChange: (change) => heard.push(change) });
    const unsubscribe = config.subscribe((change) => subscribed.push(change.path));
    await config.set('log.level', 'error');
    unsubscribe();
    await config.delete('log.level');
    expect(heard.map(({ path: p, keys, effective }) => ({ p, keys, level: effective.log.level }))).toEqual([
      { p: 'log.level', keys: ['log.level'], level: 'error' },
      { p: 'log.level', keys: ['log.level'], level: 'info' },
    ]);
    expect(subscribed).toEqual(['log.level']);
  });

  it('keeps a change when a listener throws', async () => {
    const config = await openConfigService({
      path,
      onChange: () => {
        throw new Error('listener bug');
      },
    });
    expect(await config.set('log.level', 'warn')).toEqual({ path: 'log.level', value: 'warn', restart_required: false });
    expect(config.effective().log.level).toBe('warn');
  });

  it('applies concurrent changes one after the other', async () => {
    const config = await openConfigService({ path });
    await Promise.all([
      config.set('log.level', 'warn'),
      config.set('snapshot.backend', 'copy'),
      config.set('runtime.portRange', [20000, 20100]),
    ]);
    expect(stored()).toEqual({ log: { level: 'warn' }, snapshot: { backend: 'copy' }, runtime: { portRange: [20000, 20100] } });
  });

  it('answers cannot update config when config.json cannot be written', async () => {
    const config = await openConfigService({ path: join(dir, 'gone', 'config.json') });
    expect(await failure(() => config.set('log.level', 'warn'))).toMatchObject({
      code: 'internal_error',
      message: 'cannot update config',
    });
    expect(config.effective().log.level).toBe('info');
  });

  it('refuses to start on a corrupt or invalid config.json, naming the file', async () => {
    writeFileSync(path, '{"log": {');
    expect(await failure(() => openConfigService({ path }))).toMatchObject({
      code: 'invalid_argument',
      message: `config file ${path} is not valid JSON; fix or delete it, then start the engine again`,
      data: { exitCode: 3 },
    });
    writeFileSync(path, JSON.stringify({ log: { level: 'loud' }, extra: 1 }));
    expect(await failure(() => openConfigService({ path }))).toEqual({
      code: 'invalid_argument',
      message: `config file ${path} has invalid values; fix or delete it, then start the engine again`,
      details: 'log.level: expected debug, info, warn or error; unknown config key "extra"; see GET /v1/config/schema',
      issues: [
        { path: 'log.level', message: 'expected debug, info, warn or error' },
        { path: 'extra', message: 'unknown config key "extra"; see GET /v1/config/schema' },
      ],
      data: { exitCode: 3 },
    });
  });
});
