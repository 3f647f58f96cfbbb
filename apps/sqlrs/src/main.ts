#!/usr/bin/env node
// The sqlrs command line: connect-or-start the engine and drive every workflow from the terminal.
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sqlrs: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  },
);
