import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { SqlrsError } from '@sqlrs/errors';
import { lineSplitter } from '../line-splitter.js';
import type { LineSink } from '../runtime.js';

/** A command to run to completion with its output streamed as lines. */
export interface RunCommandOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Drop privileges to this uid/gid (root only). */
  uid?: number;
  gid?: number;
  /** Written whole, then stdin is closed so the tool sees EOF. */
  stdin?: string;
  sink: LineSink;
  /** Abort = SIGINT to the tool's process group, SIGKILL after `killAfterMs`; rejects with `cancelled`. */
  signal?: AbortSignal;
  killAfterMs?: number;
}

/** The exit code of a finished command (128 + signal number when a signal ended it). */
export interface CommandResult {
  exitCode: number;
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

/** Runs `file args` and resolves with its exit code once it exited and its output was delivered. */
export function runCommand(options: RunCommandOptions): Promise<CommandResult> {
  if (options.signal?.aborted) {
    return Promise.reject(new SqlrsError('cancelled', `${options.file} was cancelled before it started`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(options.file, options.args, {
      env: options.env,
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so an abort also reaches helpers that hold the output pipes open.
      detached: true,
    });
    const out = lineSplitter('stdout', options.sink);
    const err = lineSplitter('stderr', options.sink);
    child.stdout?.on('data', (chunk: Buffer) => out.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.write(chunk));
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    const onAbort = (): void => {
      aborted = true;
      killGroup('SIGINT');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killAfterMs ?? 5_000);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
    };
    child.once('error', (error) => {
      finish();
      reject(
        new SqlrsError('internal_error', `cannot run ${options.file}; check that it exists and is executable`, {
          details: error.message,
          cause: error,
        }),
      );
    });
    child.once('close', (code, signal) => {
      finish();
      out.end();
      err.end();
      if (aborted) reject(new SqlrsError('cancelled', `${options.file} was cancelled`, { details: `exit ${exitCodeOf(code, signal)}` }));
      else resolve({ exitCode: exitCodeOf(code, signal) });
    });
    if (child.stdin !== null && options.stdin !== undefined) {
      // A tool that exits without reading all of stdin closes the pipe; that is its exit code's business.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
  });
}
