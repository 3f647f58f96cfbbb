// One CLI invocation: parse, dispatch, and turn every outcome into an exit code.
import { createContext } from './cli-context.js';
import type { OutputFormat } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { COMMANDS } from './commands/index.js';
import { resolveStoreRoot } from './engine/store-root.js';
import { EXIT } from './exit-codes.js';
import { commandHelp, overviewHelp } from './help-text.js';
import { findCommand, parseCommandArgs } from './parse-command-line.js';
import { renderError } from './render-error.js';
import { usageError } from './usage-error.js';

/** The CLI version (printed by --version). */
const CLI_VERSION = '0.1.0';

/** Runs `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Until the command's own --output is parsed, errors use the format asked for anywhere before `--`.
  const dash = argv.indexOf('--');
  const head = dash < 0 ? argv : argv.slice(0, dash);
  let output: OutputFormat = head.some((a, i) => a === '--output=json' || a === '-ojson' || ((a === '--output' || a === '-o') && head[i + 1] === 'json')) ? 'json' : 'text';
  try {
    if (argv.length === 0 || argv[0] === 'help' || ((argv[0] === '--help' || argv[0] === '-h') && argv.length === 1)) {
      const target = argv[0] === 'help' ? findCommand(argv.slice(1), COMMANDS).command : undefined;
      io.stdout.write(target === undefined ? overviewHelp(COMMANDS) : commandHelp(target));
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    if (argv[0] === '--version' || argv[0] === 'version') {
      io.stdout.write(`sqlrs ${CLI_VERSION}\n`);
      return EXIT.ok;
    }
    const { command, before, after } = findCommand(argv, COMMANDS);
    if (command === undefined) {
      const word = argv.find((a) => !a.startsWith('-'));
      if (before.includes('--help') || before.includes('-h')) {
        io.stdout.write(overviewHelp(COMMANDS));
        return EXIT.ok;
      }
      throw usageError(word === undefined ? 'no command given' : `unknown command "${word}"`);
    }
    const args = parseCommandArgs(command, before, after);
    if (args.values['help'] === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const format = args.values['output'] ?? 'text';
    if (format !== 'text' && format !== 'json') throw usageError(`--output must be text or json, not "${String(format)}"`, command.name);
    output = format;
    const storeRoot = resolveStoreRoot(args.values['state-store'] as string | undefined, io.env, io.cwd);
    return await command.run(createContext(io, output, storeRoot), args);
  } catch (err) {
    return renderError(io, output, err);
  }
}
