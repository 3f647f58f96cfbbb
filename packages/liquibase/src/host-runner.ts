import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { type LineSink, findOnPath, isExecutableFile, lineSplitter } from '@sqlrs/runtime';
import { DEFAULTS_FILE, type LiquibaseResult, type LiquibaseRun, type LiquibaseRunner, connectionArgs } from './runner.js';
import { checkLiquibaseVersion } from './version.js';

/** JVM flags the engine always sets: a short-lived CLI gains nothing from the optimising JIT. */
export const ENGINE_JAVA_OPTS = '-XX:TieredStopAtLevel=1 -Xshare:auto';

/** Grace between SIGTERM and SIGKILL when a run is cancelled. */
const KILL_GRACE_MS = 5_000;

/** Where host mode finds its parts. */
export interface HostRunnerOptions {
  /** The launcher: `liquibase_exec`, config `liquibase.exec`, or the pinned distribution's. */
  executable: string;
  /** The engine's `PATH` (java and the launcher's shell tools are looked up there). */
  path?: string;
  /** The engine's `JAVA_HOME`, if any; `liquibase_env.JAVA_HOME` wins per run. */
  javaHome?: string;
}

/** The java the launcher will use: `$JAVA_HOME/bin/java`, else the first `java` on `PATH`. */
async function findJava(path: string, javaHome: string | undefined): Promise<string | undefined> {
  if (javaHome !== undefined && javaHome !== '') {
    const java = join(javaHome, 'bin', 'java');
    return (await isExecutableFile(java)) ? java : undefined;
  }
  return findOnPath('java', path);
}

/** Liquibase on the host's Java (engine.md §8.3 host mode), started as an argv array. */
export class HostLiquibaseRunner implements LiquibaseRunner {
  readonly mode = 'host' as const;
  private memo: Promise<string> | undefined;
  private memoStamp = '';
  private readonly path: string;

  constructor(private readonly options: HostRunnerOptions) {
    this.path = options.path ?? process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin';
  }

  /** The environment built from scratch, so no `LIQUIBASE_*` of the engine leaks in. */
  private environment(extra: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = { PATH: this.path, JAVA_OPTS: ENGINE_JAVA_OPTS };
    if (this.options.javaHome !== undefined) env['JAVA_HOME'] = this.options.javaHome;
    return { ...env, ...extra };
  }

  private async checkParts(javaHome: string | undefined): Promise<void> {
    if (!(await isExecutableFile(this.options.executable))) {
      throw new SqlrsError('unavailable', `liquibase executable not found at ${this.options.executable}; install Liquibase 4.x, pass liquibase_exec, or set liquibase.exec`);
    }
    if ((await findJava(this.path, javaHome)) === undefined) {
      throw new SqlrsError('unavailable', `Java not found${javaHome === undefined ? ' on PATH' : ` in JAVA_HOME ${javaHome}`}; install a Java 17 runtime (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME`);
    }
  }

  /** Probed once per launcher file: an in-place upgrade (new size, mtime or inode) probes again. */
  async version(): Promise<string> {
    const info = await stat(this.options.executable).catch(() => undefined);
    const stamp = info === undefined ? '' : `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (this.memo === undefined || this.memoStamp !== stamp) {
      const probe = this.probeVersion();
      probe.catch(() => {
        if (this.memo === probe) this.memo = undefined;
      });
      this.memo = probe;
      this.memoStamp = stamp;
    }
    return this.memo;
  }

  private async probeVersion(): Promise<string> {
    await this.checkParts(this.options.javaHome);
    const lines: string[] = [];
    const { exitCode } = await this.spawn(['--version'], undefined, this.environment({}), (_s, line) => lines.push(line), new AbortController().signal);
    const output = lines.join('\n');
    if (exitCode !== 0) throw new SqlrsError('unavailable', `${this.options.executable} --version exited with code ${exitCode}; install Liquibase 4.x and Java 17`, { details: output.slice(-4096) });
    return checkLiquibaseVersion(output, this.options.executable);
  }

  async run(run: LiquibaseRun, sink: LineSink, signal: AbortSignal): Promise<LiquibaseResult> {
    const env = this.environment(run.env);
    await this.checkParts(env['JAVA_HOME']);
    const argv = [
      ...connectionArgs(run, run.sandbox.endpoint.port),
      `--defaults-file=${join(run.workDir, DEFAULTS_FILE)}`,
      ...(run.roots.length === 0 ? [] : [`--search-path=${run.roots.join(',')}`]),
      ...run.args,
    ];
    const stdout: string[] = [];
    const result = await this.spawn(argv, run.workDir, env, (stream, line) => {
      if (stream === 'stdout') stdout.push(line);
      sink(stream, line);
    }, signal);
    return { exitCode: result.exitCode, stdout: stdout.join('\n') };
  }

  /** Spawns the launcher in its own process group, so a cancel also ends the JVM it starts. */
  private spawn(args: string[], cwd: string | undefined, env: Record<string, string>, sink: LineSink, signal: AbortSignal): Promise<{ exitCode: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.executable, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const out = lineSplitter('stdout', sink);
      const err = lineSplitter('stderr', sink);
      child.stdout.on('data', (chunk: Buffer) => out.write(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.write(chunk));
      let killTimer: NodeJS.Timeout | undefined;
      const killGroup = (sig: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, sig);
        } catch {
          // already gone
        }
      };
      const onAbort = (): void => {
        killGroup('SIGTERM');
        killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(new SqlrsError('unavailable', `cannot start ${this.options.executable}: ${error.message}; install Liquibase 4.x`));
      });
      child.on('close', (code, sig) => {
        signal.removeEventListener('abort', onAbort);
        if (killTimer !== undefined) clearTimeout(killTimer);
        out.end();
        err.end();
        resolve({ exitCode: code ?? 128 + (sig === null ? 0 : 15) });
      });
    });
  }
}
