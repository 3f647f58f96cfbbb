import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlrsError } from '@sqlrs/errors';
import { assertCleanShutdown } from '../pg-control.js';
import { isProcessRunning } from './runtime-record.js';

const POLL_MS = 10;
const QUIT_GRACE_MS = 2_000;
const KILL_GRACE_MS = 5_000;

function signal(target: number, name: NodeJS.Signals): void {
  // 0, 1, -1 would reach our own group, init or every process: never a postmaster.
  if (!Number.isInteger(target) || Math.abs(target) <= 1) return;
  try {
    process.kill(target, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Waits until `pid` is gone; false when it is still running after `timeoutMs`. */
async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessRunning(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/**
 * Ends a postmaster and its process group for good: immediate shutdown (SIGQUIT), then SIGKILL to
 * the group if it lingers. Idempotent.
 */
export async function killPostmaster(pid: number): Promise<void> {
  signal(pid, 'SIGQUIT');
  if (await waitGone(pid, QUIT_GRACE_MS)) return;
  // Only while the leader lives is -pid surely our group; backends notice postmaster death themselves.
  signal(-pid, 'SIGKILL');
  await waitGone(pid, KILL_GRACE_MS);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Stops the postmaster `pid` serving `pgdata` (undefined = already gone): fast = SIGINT and a
 * verified clean shutdown (engine.md §6.4), immediate = SIGQUIT. Past `timeoutMs` the server is
 * killed and the stop fails.
 */
export async function stopPostmaster(
  pid: number | undefined,
  pgdata: string,
  mode: 'fast' | 'immediate',
  timeoutMs: number,
): Promise<void> {
  if (pid !== undefined) await signalAndWait(pid, mode, timeoutMs);
  if (mode === 'fast') {
    await assertCleanShutdown(pgdata);
    return;
  }
  // The postmaster removes postmaster.pid as it exits; give the file system a moment to show it.
  const deadline = Date.now() + 1_000;
  while ((await exists(join(pgdata, 'postmaster.pid'))) && Date.now() < deadline) await sleep(POLL_MS);
}

async function signalAndWait(pid: number, mode: 'fast' | 'immediate', timeoutMs: number): Promise<void> {
  signal(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
  if (!(await waitGone(pid, timeoutMs))) {
    await killPostmaster(pid);
    throw new SqlrsError(
      'internal_error',
      mode === 'fast' ? 'cluster did not shut down cleanly' : `postgres did not stop within ${timeoutMs} ms`,
      { details: `pid ${pid} was still running after ${timeoutMs} ms of ${mode} shutdown and was killed` },
    );
  }
}
