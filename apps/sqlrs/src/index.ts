// The sqlrs CLI as a function, for tests and embedding: run one command line against given process edges.
export { runCli } from './run-cli.js';
export type { CliIo } from './cli-io.js';
