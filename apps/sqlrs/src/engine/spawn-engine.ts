// Starts the engine detached, so it outlives the CLI, with its stderr kept in a log file.
import { spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';

/** A started engine process: its pid and a promise of its exit code. */
export interface SpawnedEngine {
  readonly pid: number | undefined;
  readonly exited: Promise<number | null>;
  readonly stderrLog: string;
}

/** Options of one start. */
export interface SpawnEngineOptions {
  readonly binary: string;
  readonly storeRoot: string;
  readonly idleTimeout: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The file the CLI sends a started engine's stderr to. */
function startLogPath(storeRoot: string): string {
  return path.join(storeRoot, 'logs', 'engine-start.log');
}

/** `node <engine> --state-store=… --listen=127.0.0.1:0 --idle-timeout=…`, detached and unref'd. */
export function spawnEngine(options: SpawnEngineOptions): SpawnedEngine {
  const stderrLog = startLogPath(options.storeRoot);
  mkdirSync(path.dirname(stderrLog), { recursive: true, mode: 0o700 });
  // Truncated per start (the engine keeps its own rotated log); O_APPEND keeps a racing CLI's
  // truncation from leaving a hole in the winner's output.
  const fd = openSync(stderrLog, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND, 0o600);
  const child = spawn(
    process.execPath,
    [options.binary, `--state-store=${options.storeRoot}`, '--listen=127.0.0.1:0', `--idle-timeout=${options.idleTimeout}`],
    { detached: true, stdio: ['ignore', 'ignore', fd], env: options.env, cwd: options.storeRoot },
  );
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  child.unref();
  return { pid: child.pid, exited, stderrLog };
}
