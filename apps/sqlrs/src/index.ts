// The sqlrs CLI as a function, for tests and embedding: run one command line against given process edges.
export { runCli, CLI_VERSION } from './run-cli.js';
export type { CliIo, TextSink } from './cli-io.js';
export { EXIT } from './exit-codes.js';
