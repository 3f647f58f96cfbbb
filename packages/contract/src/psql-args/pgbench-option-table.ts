import { optionTable } from './getopt.js';
import type { OptionSpec, OptionTable } from './getopt.js';

/** How api.md §6 treats a pgbench option: a script file, a connection flag, or passed on. */
export type PgbenchOptionClass = 'file' | 'connection' | 'allowed';

const none = 'none' as const;
const required = 'required' as const;

/**
 * pgbench's getopt_long table (`iI:h:nvp:dqb:SNc:j:Crs:t:T:U:lf:D:F:M:P:R:L:`, its long names and
 * the newer `--exit-on-abort`/`--continue-on-error`). `-d` is pgbench's debug switch, yet api.md
 * rejects it as a connection flag; `--debug` stays usable. `--dbname` is not pgbench's, api.md
 * rejects it too. `-V`, `-?`, `--version`, `--help` are passed on (pgbench honours them first only).
 */
export const PGBENCH_OPTIONS: readonly OptionSpec<PgbenchOptionClass>[] = [
  { short: 'f', long: ['file'], arity: required, class: 'file' },
  { short: 'h', long: ['host'], arity: required, class: 'connection' },
  { short: 'p', long: ['port'], arity: required, class: 'connection' },
  { short: 'U', long: ['username'], arity: required, class: 'connection' },
  { short: 'd', long: [], arity: none, class: 'connection' },
  { long: ['dbname'], arity: required, class: 'connection' },
  { long: ['debug'], arity: none, class: 'allowed' },
  { short: 'i', long: ['initialize'], arity: none, class: 'allowed' },
  { short: 'I', long: ['init-steps'], arity: required, class: 'allowed' },
  { short: 'F', long: ['fillfactor'], arity: required, class: 'allowed' },
  { short: 'n', long: ['no-vacuum'], arity: none, class: 'allowed' },
  { short: 'q', long: ['quiet'], arity: none, class: 'allowed' },
  { short: 's', long: ['scale'], arity: required, class: 'allowed' },
  { short: 'b', long: ['builtin'], arity: required, class: 'allowed' },
  { short: 'N', long: ['skip-some-updates'], arity: none, class: 'allowed' },
  { short: 'S', long: ['select-only'], arity: none, class: 'allowed' },
  { short: 'c', long: ['client'], arity: required, class: 'allowed' },
  { short: 'C', long: ['connect'], arity: none, class: 'allowed' },
  { short: 'D', long: ['define'], arity: required, class: 'allowed' },
  { short: 'j', long: ['jobs'], arity: required, class: 'allowed' },
  { short: 'l', long: ['log'], arity: none, class: 'allowed' },
  { short: 'L', long: ['latency-limit'], arity: required, class: 'allowed' },
  { short: 'M', long: ['protocol'], arity: required, class: 'allowed' },
  { short: 'P', long: ['progress'], arity: required, class: 'allowed' },
  { short: 'r', long: ['report-per-command'], arity: none, class: 'allowed' },
  { short: 'R', long: ['rate'], arity: required, class: 'allowed' },
  { short: 't', long: ['transactions'], arity: required, class: 'allowed' },
  { short: 'T', long: ['time'], arity: required, class: 'allowed' },
  { short: 'v', long: ['vacuum-all'], arity: none, class: 'allowed' },
  { short: 'V', long: ['version'], arity: none, class: 'allowed' },
  { short: '?', long: ['help'], arity: none, class: 'allowed' },
  { long: ['foreign-keys'], arity: none, class: 'allowed' },
  { long: ['index-tablespace'], arity: required, class: 'allowed' },
  { long: ['partition-method'], arity: required, class: 'allowed' },
  { long: ['partitions'], arity: required, class: 'allowed' },
  { long: ['tablespace'], arity: required, class: 'allowed' },
  { long: ['unlogged-tables'], arity: none, class: 'allowed' },
  { long: ['aggregate-interval'], arity: required, class: 'allowed' },
  { long: ['continue-on-error'], arity: none, class: 'allowed' },
  { long: ['exit-on-abort'], arity: none, class: 'allowed' },
  { long: ['failures-detailed'], arity: none, class: 'allowed' },
  { long: ['log-prefix'], arity: required, class: 'allowed' },
  { long: ['max-tries'], arity: required, class: 'allowed' },
  { long: ['progress-timestamp'], arity: none, class: 'allowed' },
  { long: ['random-seed'], arity: required, class: 'allowed' },
  { long: ['sampling-rate'], arity: required, class: 'allowed' },
  { long: ['show-script'], arity: required, class: 'allowed' },
  { long: ['verbose-errors'], arity: none, class: 'allowed' },
];

/** {@link PGBENCH_OPTIONS} indexed for the parser. */
export const PGBENCH_OPTION_TABLE: OptionTable<PgbenchOptionClass> = optionTable(PGBENCH_OPTIONS);
