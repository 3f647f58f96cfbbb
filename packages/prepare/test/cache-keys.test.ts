import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { type PsqlTaskKey, baseId, buildConf, initSpecHash, psqlTaskHash, stateId } from '../src/cache-keys.js';

const HBA = 'local all all trust\n';
const key: PsqlTaskKey = {
  initSpecHash: initSpecHash({ locale: 'C.UTF-8', hba: HBA }),
  buildConf: '',
  sourceKind: 'script',
  contentHash: 'c'.repeat(64),
  singleTransaction: false,
  singleLine: false,
  variables: new Map([['a', '1'], ['b', '2']]),
};

describe('init spec and base', () => {
  it('change with the locale and with every byte of pg_hba.conf', () => {
    const reference = initSpecHash({ locale: 'C.UTF-8', hba: HBA });
    expect(initSpecHash({ locale: 'C', hba: HBA })).not.toBe(reference);
    expect(initSpecHash({ locale: 'C.UTF-8', hba: `${HBA}\n` })).not.toBe(reference);
    expect(initSpecHash({ locale: 'C.UTF-8', hba: Buffer.from(HBA) })).toBe(reference);
  });

  it('base ids differ per image', () => {
    const spec = initSpecHash({ locale: 'C', hba: HBA });
    expect(baseId(`docker:sha256:${'a'.repeat(64)}`, spec)).not.toBe(baseId(`process:sha256:${'a'.repeat(64)}`, spec));
  });
});

describe('buildConf', () => {
  it('is empty without settings and independent of their order', () => {
    expect(buildConf({})).toBe('');
    expect(buildConf(new Map())).toBe('');
    expect(buildConf({ work_mem: '64MB', default_toast_compression: 'lz4' })).toBe(
      buildConf(new Map([['default_toast_compression', 'lz4'], ['work_mem', '64MB']])),
    );
  });
});

describe('psqlTaskHash', () => {
  it('ignores the order variables were given in and the enforced ON_ERROR_STOP', () => {
    expect(psqlTaskHash({ ...key, variables: { b: '2', ON_ERROR_STOP: '1', a: '1' } })).toBe(psqlTaskHash(key));
  });

  it.each<[string, Partial<PsqlTaskKey>]>([
    ['a variable value', { variables: new Map([['a', '1'], ['b', '3']]) }],
    ['an extra variable', { variables: new Map([['a', '1'], ['b', '2'], ['c', '']]) }],
    ['-1', { singleTransaction: true }],
    ['-S', { singleLine: true }],
    ['the source kind', { sourceKind: 'command' }],
    ['the content', { contentHash: 'd'.repeat(64) }],
    ['the build settings', { buildConf: buildConf({ work_mem: '1MB' }) }],
    ['the init spec', { initSpecHash: initSpecHash({ locale: 'C', hba: HBA }) }],
  ])('changes with %s', (_what, change) => {
    expect(psqlTaskHash({ ...key, ...change })).not.toBe(psqlTaskHash(key));
  });

  it('refuses an empty step with content or a script without it', () => {
    const expected = (kind: string, hash: string): SqlrsError =>
      new SqlrsError('internal_error', `a ${kind} step cannot have content hash "${hash}"`);
    expect(() => psqlTaskHash({ ...key, sourceKind: 'empty' })).toThrow(expected('empty', 'c'.repeat(64)));
    expect(() => psqlTaskHash({ ...key, contentHash: '' })).toThrow(expected('script', ''));
  });
});

describe('stateId', () => {
  it('depends on the input kind, the input id and the task hash', () => {
    const base = { inputKind: 'image' as const, inputId: 'x', taskHash: 't' };
    const id = stateId(base);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(stateId({ ...base, inputKind: 'state' })).not.toBe(id);
    expect(stateId({ ...base, inputId: 'y' })).not.toBe(id);
    expect(stateId({ ...base, taskHash: 'u' })).not.toBe(id);
  });
});
