import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { SqlrsError } from '@sqlrs/errors';
import type { ChunkSink } from '../runtime.js';

/** A run's client tool to spawn on the host. */
export interface SpawnClientOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  stdin?: string;
  out: ChunkSink;
  /** Abort = SIGTERM to the tool's process group, SIGKILL after `killAfterMs` (default 5 s). */
  signal: AbortSignal;
  killAfterMs?: number;
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

/**
 * Spawns a client tool in its own process group (engine.md §8.4) and forwards its output chunks
 * as produced; resolves with its exit code once it exited and its pipes closed, also after an abort.
 */
export function spawnClient(options: SpawnClientOptions): Promise<{ exitCode: number }> {
  if (options.signal.aborted) return Promise.resolve({ exitCode: 128 + constants.signals.SIGTERM });
  return new Promise((resolve, reject) => {
    const child = spawn(options.file, options.args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => options.out.stdout(chunk));
    child.stderr?.on('data', (chunk: Buffer) => options.out.stderr(chunk));
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    const onAbort = (): void => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killAfterMs ?? 5_000);
      killTimer.unref();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      options.signal.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
    };
    child.once('error', (error) => {
      finish();
      reject(
        new SqlrsError('internal_error', `cannot run ${options.file}; check that it is installed and executable`, {
          details: error.message,
          cause: error,
        }),
      );
    });
    child.once('close', (code, signal) => {
      finish();
      resolve({ exitCode: exitCodeOf(code, signal) });
    });
    if (child.stdin !== null && options.stdin !== undefined) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
  });
}
