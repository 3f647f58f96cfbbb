import type { LineSink, Sandbox } from '@sqlrs/runtime';

/** How Liquibase is started: the host's Java with a distribution, or the Docker runner image. */
export type LiquibaseMode = 'host' | 'docker';

/** One Liquibase invocation against a sandbox (engine.md §8.3). */
export interface LiquibaseRun {
  /**
   * Everything after the engine-owned arguments: user global options, the command, its options
   * and `-D` parameters. Never `--search-path`, `--defaults-file` or connection arguments.
   */
  args: string[];
  /** Host directories that form the search path, in order (mounted read-only by the docker runner). */
  roots: string[];
  /** The empty, engine-owned working directory; it holds `defaults.properties`. */
  workDir: string;
  sandbox: Sandbox;
  /** The build password of the sandbox's `sqlrs` role; never logged. */
  password: string;
  /** `application_name` of the session, so a cancel can find it in `pg_stat_activity`. */
  appName: string;
  statementTimeoutMs: number;
  /** `liquibase_env` of the request (already validated against api.md §4.3). */
  env: Record<string, string>;
  /** The job the invocation serves (container labels). */
  jobId: string;
  storeId: string;
}

/** What a finished invocation returns; output lines went to the sink as they came. */
export interface LiquibaseResult {
  exitCode: number;
  stdout: string;
}

/** Runs the Liquibase CLI (engine.md §8.3). Errors are `SqlrsError`s. */
export interface LiquibaseRunner {
  readonly mode: LiquibaseMode;
  /** `X.Y.Z` from `Liquibase Version:`; memoised; `unavailable` when Liquibase cannot run or is not 4.x. */
  version(): Promise<string>;
  /** Runs one invocation; aborting `signal` kills it (the promise still settles). */
  run(run: LiquibaseRun, sink: LineSink, signal: AbortSignal): Promise<LiquibaseResult>;
}

/** The file name of the defaults file inside the working directory (always passed). */
export const DEFAULTS_FILE = 'defaults.properties';

/** The engine-owned connection arguments, first on every command line (engine.md §8.3). */
export function connectionArgs(run: LiquibaseRun, port: number): string[] {
  const options = encodeURIComponent(`-c statement_timeout=${run.statementTimeoutMs}`);
  return [
    `--url=jdbc:postgresql://127.0.0.1:${port}/postgres?ApplicationName=${encodeURIComponent(run.appName)}&options=${options}`,
    '--username=sqlrs',
    `--password=${run.password}`,
  ];
}
