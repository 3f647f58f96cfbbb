import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { readEngineJson, removeEngineJson, writeEngineJson } from '../src/index.js';
import type { EngineJson } from '../src/index.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlrs-engine-json-'));
  path = join(dir, 'engine.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INFO: EngineJson = {
  endpoint: '127.0.0.1:54321',
  pid: 4242,
  startedAt: '2025-06-01T09:00:00.000Z',
  authToken: 'ab'.repeat(32),
  version: '0.1.0',
  instanceId: 'c0ffee00'.repeat(4),
};

describe('engine.json', () => {
  it('is written as camelCase JSON with mode 0600 and read back', async () => {
    await writeEngineJson(path, INFO);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(
      `{"endpoint":"127.0.0.1:54321","pid":4242,"startedAt":"2025-06-01T09:00:00.000Z","authToken":"${INFO.authToken}","version":"0.1.0","instanceId":"${INFO.instanceId}"}\n`,
    );
    expect(await readEngineJson(path)).toEqual(INFO);
  });

  it('reads as undefined when absent, not JSON, or not shaped like engine.json', async () => {
    expect(await readEngineJson(path)).toBeUndefined();
    writeFileSync(path, '{"endpoint":');
    expect(await readEngineJson(path)).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...INFO, authToken: 'short' }));
    expect(await readEngineJson(path)).toBeUndefined();
  });

  it('refuses to write invalid content', async () => {
    await expect(writeEngineJson(path, { ...INFO, pid: 0 })).rejects.toThrow(SqlrsError);
  });

  it('is removed only while it still names this engine process', async () => {
    await writeEngineJson(path, { ...INFO, instanceId: 'd'.repeat(32) });
    expect(await removeEngineJson(path, INFO.instanceId)).toBe(false);
    expect(await readEngineJson(path)).toEqual({ ...INFO, instanceId: 'd'.repeat(32) });
    await writeEngineJson(path, INFO);
    expect(await removeEngineJson(path, INFO.instanceId)).toBe(true);
    expect(await readEngineJson(path)).toBeUndefined();
    expect(await removeEngineJson(path, INFO.instanceId)).toBe(false);
  });
});
