// Splits a command line into global options, the command and its own arguments.
import { parseArgs } from 'node:util';
import type { Command, OptionSpec, ParsedArgs } from './command.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { usageError } from './usage-error.js';

const RUN_WORDS = new Set(['run:psql', 'run:pgbench']);

/** Where the command name starts and how many words it has, for a command table. */
export function findCommand(argv: readonly string[], commands: readonly Command[]): { command: Command | undefined; before: string[]; after: string[] } {
  const before: string[] = [];
  let i = 0;
  // Global options before the command (`sqlrs -o json ls`); string options take the next item.
  while (i < argv.length && (argv[i] as string).startsWith('-') && argv[i] !== '--') {
    const item = argv[i] as string;
    before.push(item);
    const spec = GLOBAL_OPTIONS.find((o) => item === `--${o.name}` || item === `-${o.short ?? '\0'}`);
    if (spec?.type === 'string' && i + 1 < argv.length) before.push(argv[++i] as string);
    i++;
  }
  const first = argv[i];
  const second = argv[i + 1];
  const two = second === undefined ? undefined : commands.find((c) => c.name === `${first} ${second}`);
  if (two !== undefined) return { command: two, before, after: argv.slice(i + 2) };
  const one = commands.find((c) => c.name === first);
  return { command: one, before, after: argv.slice(i + (first === undefined ? 0 : 1)) };
}

function toParseArgsOptions(specs: readonly OptionSpec[]) {
  return Object.fromEntries(specs.map((s) => [s.name, { type: s.type, ...(s.short === undefined ? {} : { short: s.short }) }]));
}

/** Parses a command's own arguments (plus the global options given before it). */
export function parseCommandArgs(command: Command, before: readonly string[], after: readonly string[]): ParsedArgs {
  // `prepare:psql … run:psql …`: the run part is parsed again by the composite.
  const runAt = command.name.startsWith('prepare:') ? after.findIndex((a) => RUN_WORDS.has(a)) : -1;
  const own = runAt < 0 ? after : after.slice(0, runAt);
  const rest = runAt < 0 ? undefined : after.slice(runAt);
  const dash = own.indexOf('--');
  const cliPart = dash < 0 ? own : own.slice(0, dash);
  const toolArgs = dash < 0 ? undefined : own.slice(dash + 1);
  if (toolArgs !== undefined && command.toolArgs !== true) throw usageError(`${command.name} takes no arguments after --`, command.name);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...before, ...cliPart],
      options: toParseArgsOptions([...GLOBAL_OPTIONS, ...command.options]),
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw usageError((err as Error).message.split('\n')[0] ?? 'invalid arguments', command.name);
  }
  const { positionals } = parsed;
  if (parsed.values['help'] !== true) {
    if (positionals.length < command.positionals.min) throw usageError(`${command.name}: missing argument; usage: sqlrs ${command.name} ${command.usage}`, command.name);
    if (positionals.length > command.positionals.max) throw usageError(`${command.name}: unexpected argument "${positionals[command.positionals.max]}"`, command.name);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals, toolArgs, rest };
}
