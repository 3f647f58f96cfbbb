import { execFile } from 'node:child_process';
import { SqlrsError } from '@sqlrs/errors';

/** Deadline and advice for one command run. */
export interface RunCommandOptions {
  timeoutMs: number;
  /** What to do when the executable does not exist, e.g. "install btrfs-progs". */
  missingHint: string;
}

/**
 * Runs `file` with an argv array (no shell) and resolves with its stdout. A missing executable is
 * `unavailable`; a non-zero exit or a missed deadline (the process is killed) is `internal_error`
 * with stderr in `details`.
 */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<string> {
  const command = [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const output = stderr.trim() || stdout.trim() || error.message;
        if (error.code === 'ENOENT') {
          reject(new SqlrsError('unavailable', `${file} not found; ${options.missingHint}`, { details: error.message, cause: error }));
        } else if (error.killed === true) {
          reject(
            new SqlrsError('internal_error', `${command} did not finish within ${options.timeoutMs} ms; check the filesystem and retry`, {
              details: output,
              data: { command: [file, ...args] },
              cause: error,
            }),
          );
        } else {
          reject(
            new SqlrsError('internal_error', `${command} failed with exit code ${String(error.code)}; see details`, {
              details: output,
              data: { command: [file, ...args], exitCode: error.code },
              cause: error,
            }),
          );
        }
      },
    );
  });
}
