import { expect, test } from 'vitest';
import { EngineInfo } from '../src/index.js';
import { I, J, TS } from './fixtures.js';

test('accepts the §3.5 example and a process runtime that is down', () => {
  const body = {
    version: '0.1.0',
    instance_id: I,
    pid: 4242,
    started_at: TS,
    store_root: '/root/.local/state/sqlrs',
    store_id: J,
    runtime: { kind: 'docker', version: '20.10.24', network: 'host', ok: true, reason: null },
    snapshot_backend: 'btrfs',
    liquibase: { mode: 'host', version: '4.28.0', ok: true, reason: null },
  };
  const down = {
    ...body,
    runtime: { kind: 'process', version: null, network: null, ok: false, reason: 'postgres binaries not found' },
    snapshot_backend: 'copy',
  };
  expect(EngineInfo.parse(body)).toEqual(body);
  expect(EngineInfo.parse(down)).toEqual(down);
});
