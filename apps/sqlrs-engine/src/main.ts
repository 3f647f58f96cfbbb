#!/usr/bin/env node
// The sqlrs engine process: parse flags, start, and exit 0 after a clean shutdown.
import './threadpool.js';
import { isSqlrsError } from '@sqlrs/errors';
import { USAGE, parseEngineFlags } from './engine-flags.js';
import { ENGINE_VERSION } from './engine-version.js';
import { startEngine } from './start-engine.js';
import type { RunningEngine } from './start-engine.js';

/** Exit codes: 2 usage, 3 store refused (locked, newer engine), 1 anything else. */
async function main(): Promise<number> {
  const flags = parseEngineFlags(process.argv.slice(2), process.env);
  if ('error' in flags) {
    process.stderr.write(`sqlrs-engine: ${flags.error}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags.version) {
    process.stdout.write(`${ENGINE_VERSION}\n`);
    return 0;
  }
  // Handlers go in before start-up so a signal that arrives right after engine.json appears
  // still ends in a clean shutdown.
  let engine: RunningEngine | undefined;
  let stopRequested = false;
  const stop = (): void => {
    stopRequested = true;
    void engine?.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    engine = await startEngine(flags, process.env);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sqlrs-engine: ${message}\n`);
    const code = isSqlrsError(err) ? err.data?.exitCode : undefined;
    return typeof code === 'number' ? code : 1;
  }
  if (stopRequested) void engine.stop();
  await engine.done;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sqlrs-engine: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
