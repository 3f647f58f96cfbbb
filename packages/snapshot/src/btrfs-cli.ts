import type { BackendOptions } from './backend-options.js';
import { runCommand } from './run-command.js';

/** Runs one `btrfs` subcommand (argv array, with a deadline) and resolves with its stdout. */
export type BtrfsCli = (args: readonly string[], options?: { long?: boolean }) => Promise<string>;

/** The `btrfs` runner for the given options; `long` commands (waits for the cleaner) get 5× the deadline. */
export function btrfsCli(options: BackendOptions): BtrfsCli {
  const file = options.btrfsCommand ?? 'btrfs';
  const timeoutMs = options.commandTimeoutMs ?? 60_000;
  return (args, runOptions) =>
    runCommand(file, args, {
      timeoutMs: runOptions?.long === true ? timeoutMs * 5 : timeoutMs,
      missingHint: 'install btrfs-progs (apt-get install btrfs-progs) or set snapshot.backend to auto',
    });
}
