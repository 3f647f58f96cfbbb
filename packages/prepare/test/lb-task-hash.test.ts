import { describe, expect, it } from 'vitest';
import { type LbTaskKey, lbTaskHash } from '../src/cache-keys.js';
import { hashRecords } from '../src/hash-records.js';

const cs = { path: 'main.sql', id: '1', author: 'me', checksum: '9:abc', sqlHash: 'f'.repeat(64), execType: 'EXECUTED' };
const key: LbTaskKey = {
  initSpecHash: 'a'.repeat(64),
  buildConf: '',
  lbVersion: '4.28.0',
  contexts: 'ci',
  labels: '',
  parameters: { b: '2', a: '1' },
  env: { LIQUIBASE_SQL_LOG_LEVEL: 'info', JAVA_HOME: '/jdk' },
  defaultsHash: '',
  flags: {},
  changesets: [cs],
  tailNonce: null,
};

describe('lb task_hash (engine.md §3.2)', () => {
  it('encodes the documented records in order', () => {
    expect(lbTaskHash(key)).toBe(
      hashRecords([
        ['domain', 'sqlrs.task.v1'],
        ['cache_schema', 'sqlrs-cache-v1'],
        ['prepare_kind', 'lb'],
        ['init_spec', 'a'.repeat(64)],
        ['build_conf', ''],
        ['lb_version', '4.28.0'],
        ['contexts', 'ci'],
        ['labels', ''],
        ['param_name', 'a'],
        ['param_value', '1'],
        ['param_name', 'b'],
        ['param_value', '2'],
        ['env_name', 'LIQUIBASE_SQL_LOG_LEVEL'],
        ['env_value', 'info'],
        ['defaults_hash', ''],
        ['cs_path', 'main.sql'],
        ['cs_id', '1'],
        ['cs_author', 'me'],
        ['cs_checksum', '9:abc'],
        ['cs_sql_hash', 'f'.repeat(64)],
        ['cs_exectype', 'EXECUTED'],
      ]),
    );
  });

  it('changes with contexts, labels, parameters, version and checksum, not with JAVA_HOME', () => {
    const base = lbTaskHash(key);
    expect(lbTaskHash({ ...key, contexts: 'prod' })).not.toBe(base);
    expect(lbTaskHash({ ...key, contexts: ' ci ' })).toBe(base);
    expect(lbTaskHash({ ...key, labels: 'x' })).not.toBe(base);
    expect(lbTaskHash({ ...key, parameters: { a: '1', b: '3' } })).not.toBe(base);
    expect(lbTaskHash({ ...key, lbVersion: '4.29.0' })).not.toBe(base);
    expect(lbTaskHash({ ...key, changesets: [{ ...cs, checksum: '9:abd' }] })).not.toBe(base);
    expect(lbTaskHash({ ...key, env: { LIQUIBASE_SQL_LOG_LEVEL: 'info', JAVA_HOME: '/other' } })).toBe(base);
  });

  it('gives the runAlways tail a per-job key', () => {
    expect(lbTaskHash({ ...key, tailNonce: 'j1' })).not.toBe(lbTaskHash({ ...key, tailNonce: 'j2' }));
    expect(lbTaskHash({ ...key, tailNonce: 'j1' })).not.toBe(lbTaskHash(key));
  });
});
