// --help texts: the command overview and one page per command.
import type { Command, OptionSpec } from './command.js';
import { EXIT } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { table } from './render/table.js';

function optionLines(options: readonly OptionSpec[]): string {
  return table(
    ['', ''],
    options.map((o) => [`  ${o.short === undefined ? '    ' : `-${o.short}, `}--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`, o.help]),
  )
    .split('\n')
    .slice(1)
    .join('\n');
}

/** `sqlrs <command> --help`. */
export function commandHelp(command: Command): string {
  return [
    `Usage: sqlrs ${command.name} ${command.usage}`.trimEnd(),
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.description === undefined ? [] : ['', command.description]),
    ...(command.options.length === 0 ? [] : ['', 'Options:', optionLines(command.options)]),
    '',
    'Global options:',
    optionLines(GLOBAL_OPTIONS),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/** `sqlrs --help`. */
export function overviewHelp(commands: readonly Command[]): string {
  return [
    'Usage: sqlrs [global options] <command> [options] [-- tool args]',
    '',
    'sqlrs gets you a PostgreSQL database in a known state, fast: each prepare step is cached as a',
    'snapshot, so the same request again only clones and starts an instance. The engine starts on',
    'demand (one per state store).',
    '',
    'Commands:',
    table(['', ''], commands.map((c) => [`  ${c.name}`, c.summary]))
      .split('\n')
      .slice(1)
      .join('\n'),
    '',
    'Global options:',
    optionLines(GLOBAL_OPTIONS),
    '',
    'Examples:',
    '  export DATABASE_URL=$(sqlrs prepare:psql -- -f examples/schema.sql)',
    '  sqlrs prepare:psql --name dev -- -f schema.sql',
    '  sqlrs run:psql dev -- -c "select 1"',
    '  sqlrs ls --all',
    '',
    `Exit codes: ${EXIT.ok} ok, ${EXIT.usage} usage, ${EXIT.jobFailed} job failed, ${EXIT.notFound} not found, ${EXIT.unavailable} engine unavailable,`,
    `${EXIT.software} other engine error, ${EXIT.blocked} blocked, ${EXIT.interrupted} interrupted; run:* exits with the tool's code.`,
    'Environment: SQLRS_STATE_STORE, SQLRS_IMAGE (default base image), SQLRS_ENGINE (engine binary),',
    'SQLRS_ENGINE_IDLE_TIMEOUT (default 10m).',
    'Run "sqlrs <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}
