import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { SqlrsError } from '@sqlrs/errors';
import type { Logger } from '@sqlrs/telemetry';
import { readEngineJson } from './engine-json.js';
import { isPidAlive, readBootId, readProcStart } from './proc-info.js';
import type { StoreLayout } from './store-layout.js';

/** Who is taking the store lock, and the probes that tell a live owner from a stale one. */
export interface StoreLockOptions {
  layout: StoreLayout;
  pid: number;
  instanceId: string;
  startedAt: string;
  hostname: string;
  readProcStart?: (pid: number) => string | undefined;
  readBootId?: () => string | undefined;
  isPidAlive?: (pid: number) => boolean;
  logger?: Logger;
}

/** A held store lock; `release()` removes `engine.lock` if it is still ours. */
export interface StoreLock {
  release(): Promise<void>;
}

const LockContent = z.object({
  pid: z.number().int().positive(),
  proc_start: z.string().nullable(),
  boot_id: z.string().nullable(),
  hostname: z.string(),
  instanceId: z.string(),
  startedAt: z.string(),
});
type LockContent = z.infer<typeof LockContent>;

const UNREADABLE_RETRY_MS = 200;

const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | undefined)?.code === code;

async function readLock(path: string): Promise<LockContent | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'missing';
    throw error;
  }
  try {
    const parsed = LockContent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

async function tryCreate(path: string, content: LockContent): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(content)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Takes the single-owner lock of a state store (engine.md §5.2): creates `engine.lock` exclusively;
 * a lock left by a dead process, an earlier process with the same pid or an earlier boot is
 * renamed away and deleted, then creation is tried once more. A live owner, or one on another
 * host, makes it throw `unavailable` with `data.exitCode` 3.
 */
export async function acquireStoreLock(options: StoreLockOptions): Promise<StoreLock> {
  const { layout } = options;
  const procStart = options.readProcStart ?? readProcStart;
  const bootId = options.readBootId ?? readBootId;
  const alive = options.isPidAlive ?? isPidAlive;
  const ours: LockContent = {
    pid: options.pid,
    proc_start: procStart(options.pid) ?? null,
    boot_id: bootId() ?? null,
    hostname: options.hostname,
    instanceId: options.instanceId,
    startedAt: options.startedAt,
  };
  const lock: StoreLock = {
    async release() {
      const current = await readLock(layout.engineLock);
      if (typeof current === 'object' && current.instanceId === ours.instanceId) await rm(layout.engineLock, { force: true });
    },
  };

  for (let takeovers = 0; ; ) {
    if (await tryCreate(layout.engineLock, ours)) return lock;
    let owner = await readLock(layout.engineLock);
    if (owner === 'unreadable') {
      // The owner may sit between its exclusive create and its write; look once more before
      // calling a lock without content stale.
      await new Promise((resolve) => setTimeout(resolve, UNREADABLE_RETRY_MS));
      owner = await readLock(layout.engineLock);
    }
    if (owner === 'missing') continue;
    if (owner !== 'unreadable') {
      if (owner.hostname !== ours.hostname) throw foreignHostError(layout, owner);
      if (!isStale(owner, ours, alive, procStart)) throw await liveOwnerError(layout, owner);
    }
    if (takeovers >= 1) {
      throw new SqlrsError('unavailable', `state store ${layout.root} lock keeps changing hands; retry`, {
        data: { exitCode: 3 },
      });
    }
    takeovers += 1;
    const stalePid = owner === 'unreadable' ? 0 : owner.pid;
    const stalePath = layout.staleEngineLock(stalePid);
    try {
      await rename(layout.engineLock, stalePath);
    } catch (error) {
      // Another engine won the race to take the stale lock over; look at the lock again.
      if (isCode(error, 'ENOENT')) continue;
      throw error;
    }
    await rm(stalePath, { force: true });
    options.logger?.warn({ stale_pid: stalePid, root: layout.root }, 'took over a stale state store lock');
  }
}

function isStale(
  owner: LockContent,
  ours: LockContent,
  alive: (pid: number) => boolean,
  procStart: (pid: number) => string | undefined,
): boolean {
  if (owner.boot_id !== null && ours.boot_id !== null && owner.boot_id !== ours.boot_id) return true;
  if (!alive(owner.pid)) return true;
  if (owner.proc_start === null) return false;
  const current = procStart(owner.pid);
  return current !== undefined && current !== owner.proc_start;
}

function foreignHostError(layout: StoreLayout, owner: LockContent): SqlrsError {
  return new SqlrsError(
    'unavailable',
    `state store ${layout.root} is locked by engine pid ${owner.pid} on host ${owner.hostname}; stop it there or use --state-store`,
    { data: { exitCode: 3, ownerPid: owner.pid, ownerHostname: owner.hostname } },
  );
}

async function liveOwnerError(layout: StoreLayout, owner: LockContent): Promise<SqlrsError> {
  const engine = await readEngineJson(layout.engineJson).catch(() => undefined);
  const endpoint = engine !== undefined && engine.pid === owner.pid ? ` (${engine.endpoint})` : '';
  return new SqlrsError(
    'unavailable',
    `state store ${layout.root} is in use by engine pid ${owner.pid}${endpoint}; stop it or use --state-store`,
    { data: { exitCode: 3, ownerPid: owner.pid } },
  );
}
