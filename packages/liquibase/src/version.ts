import { SqlrsError } from '@sqlrs/errors';

/** The major version the engine supports: 5.x moved to a non-open licence (engine.md §8.3). */
const SUPPORTED_MAJOR = 4;

/** `X.Y.Z` from the `Liquibase Version: X.Y.Z` line of `liquibase --version`, or undefined. */
export function parseLiquibaseVersion(output: string): string | undefined {
  return /^Liquibase Version: (\d+\.\d+\.\d+)\s*$/m.exec(output)?.[1];
}

/** Checks a parsed version; `unavailable` naming what to install when it is missing or not 4.x. */
export function checkLiquibaseVersion(output: string, what: string): string {
  const version = parseLiquibaseVersion(output);
  if (version === undefined) {
    throw new SqlrsError('unavailable', `${what} did not report a Liquibase version; install Liquibase 4.x`, { details: output.slice(-4096) });
  }
  if (Number(version.split('.')[0]) !== SUPPORTED_MAJOR) {
    throw new SqlrsError('unavailable', `${what} is Liquibase ${version}; sqlrs supports Liquibase 4.x only, install 4.x (e.g. the pinned 4.28)`);
  }
  return version;
}
