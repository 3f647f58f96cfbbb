import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { StoreLayout, acquireStoreLock, readProcStart, writeEngineJson } from '../src/index.js';
import type { StoreLockOptions } from '../src/index.js';

let root: string;
let layout: StoreLayout;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sqlrs-lock-'));
  layout = new StoreLayout(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const BOOT = 'boot-now';
const me = (instanceId: string): StoreLockOptions => ({
  layout,
  pid: process.pid,
  instanceId,
  startedAt: '2025-06-01T09:00:00.000Z',
  hostname: 'devbox',
  readBootId: () => BOOT,
});

const lockFile = (): unknown => JSON.parse(readFileSync(layout.engineLock, 'utf8'));

function writeLock(content: Record<string, unknown>): void {
  writeFileSync(
    layout.engineLock,
    JSON.stringify({ proc_start: null, boot_id: BOOT, hostname: 'devbox', instanceId: 'old', startedAt: 'then', ...content }),
  );
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 0;
}

function errorBody(error: unknown) {
  const e = error as SqlrsError;
  return { code: e.code, message: e.message, data: e.data };
}

describe('acquireStoreLock', () => {
  it('writes engine.lock with mode 0600 and its owner, and release removes it', async () => {
    const lock = await acquireStoreLock(me('a'));
    expect(statSync(layout.engineLock).mode & 0o777).toBe(0o600);
    expect(lockFile()).toEqual({
      pid: process.pid,
      proc_start: readProcStart(process.pid) ?? null,
      boot_id: BOOT,
      hostname: 'devbox',
      instanceId: 'a',
      startedAt: '2025-06-01T09:00:00.000Z',
    });
    await lock.release();
    expect(existsSync(layout.engineLock)).toBe(false);
  });

  it('refuses a second owner while the first is alive, naming its pid', async () => {
    await acquireStoreLock(me('a'));
    const error = await acquireStoreLock(me('b')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlrsError);
    expect(errorBody(error)).toEqual({
      code: 'unavailable',
      message: `state store ${root} is in use by engine pid ${process.pid}; stop it or use --state-store`,
      data: { exitCode: 3, ownerPid: process.pid },
    });
  });

  it('names the live owner’s endpoint from engine.json', async () => {
    await acquireStoreLock(me('a'));
    await writeEngineJson(layout.engineJson, {
      endpoint: '127.0.0.1:54321',
      pid: process.pid,
      startedAt: '2025-06-01T09:00:00.000Z',
      authToken: 'ab'.repeat(32),
      version: '0.1.0',
      instanceId: 'a'.repeat(32),
    });
    const error = await acquireStoreLock(me('b')).catch((e: unknown) => e);
    expect(errorBody(error)).toEqual({
      code: 'unavailable',
      message: `state store ${root} is in use by engine pid ${process.pid} (127.0.0.1:54321); stop it or use --state-store`,
      data: { exitCode: 3, ownerPid: process.pid },
    });
  });

  it('takes over the lock of a dead pid and removes the renamed stale file', async () => {
    const pid = await deadPid();
    writeLock({ pid });
    await acquireStoreLock(me('b'));
    expect(lockFile()).toMatchObject({ pid: process.pid, instanceId: 'b' });
    expect(readdirSync(root)).toEqual(['engine.lock']);
  });

  it('treats a lock from another boot as stale even if its pid is alive now', async () => {
    writeLock({ pid: process.pid, boot_id: 'boot-before' });
    await acquireStoreLock(me('b'));
    expect(lockFile()).toMatchObject({ instanceId: 'b', boot_id: BOOT });
  });

  it('treats a lock whose pid now belongs to a younger process as stale', async () => {
    writeLock({ pid: process.pid, proc_start: 'not-this-process' });
    await acquireStoreLock({ ...me('b'), readProcStart: () => '12345' });
    expect(lockFile()).toMatchObject({ instanceId: 'b', proc_start: '12345' });
  });

  it('treats a lock without readable content as stale after looking twice', async () => {
    writeFileSync(layout.engineLock, '');
    await acquireStoreLock(me('b'));
    expect(lockFile()).toMatchObject({ instanceId: 'b' });
    expect(readdirSync(root)).toEqual(['engine.lock']);
  });

  it('refuses a lock held from another host (a shared filesystem)', async () => {
    writeLock({ pid: 77, hostname: 'otherbox' });
    const error = await acquireStoreLock({ ...me('b'), isPidAlive: () => false }).catch((e: unknown) => e);
    expect(errorBody(error)).toEqual({
      code: 'unavailable',
      message: `state store ${root} is locked by engine pid 77 on host otherbox; stop it there or use --state-store`,
      data: { exitCode: 3, ownerPid: 77, ownerHostname: 'otherbox' },
    });
  });

  it('release leaves a lock that another engine has taken over', async () => {
    const lock = await acquireStoreLock(me('a'));
    writeLock({ pid: process.pid, instanceId: 'other' });
    await lock.release();
    expect(lockFile()).toMatchObject({ instanceId: 'other' });
  });
});
