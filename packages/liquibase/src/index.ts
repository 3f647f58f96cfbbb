// The Liquibase provider (engine.md §2.5, §8.3): host and docker runners, preview parsing, runAlways.
export type { LiquibaseMode, LiquibaseResult, LiquibaseRun, LiquibaseRunner } from './runner.js';
export { DEFAULTS_FILE } from './runner.js';
export { HostLiquibaseRunner } from './host-runner.js';
export type { HostRunnerOptions } from './host-runner.js';
export { DockerLiquibaseRunner } from './docker-runner.js';
export type { DockerRunnerOptions } from './docker-runner.js';
export { pinnedExamplesDir, pinnedLauncher } from './distribution.js';
export { parsePreview } from './preview.js';
export type { PendingChangeset } from './preview.js';
export { isRunAlways } from './run-always.js';
export type { ChangesetIdentity } from './run-always.js';
export { parseLiquibaseVersion } from './version.js';
