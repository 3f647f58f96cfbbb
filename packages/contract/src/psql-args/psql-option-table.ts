import { optionTable } from './getopt.js';
import type { OptionSpec, OptionTable } from './getopt.js';

/** How api.md §4.2 treats a psql option: a step input, a variable, passed on, or rejected. */
export type PsqlOptionClass = 'input' | 'variable' | 'allowed' | 'connection' | 'rejected';

const none = 'none' as const;
const required = 'required' as const;

/**
 * psql's getopt_long table (`aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01` plus its long
 * names), each row classed as api.md §4.2 does; `--database` is not psql's but api.md rejects it.
 */
export const PSQL_OPTIONS: readonly OptionSpec<PsqlOptionClass>[] = [
  { short: 'c', long: ['command'], arity: required, class: 'input' },
  { short: 'f', long: ['file'], arity: required, class: 'input' },
  { short: 'v', long: ['set', 'variable'], arity: required, class: 'variable' },
  { short: 'X', long: ['no-psqlrc'], arity: none, class: 'allowed' },
  { short: '1', long: ['single-transaction'], arity: none, class: 'allowed' },
  { short: 'a', long: ['echo-all'], arity: none, class: 'allowed' },
  { short: 'b', long: ['echo-errors'], arity: none, class: 'allowed' },
  { short: 'e', long: ['echo-queries'], arity: none, class: 'allowed' },
  { short: 'E', long: ['echo-hidden'], arity: none, class: 'allowed' },
  { short: 'n', long: ['no-readline'], arity: none, class: 'allowed' },
  { short: 'q', long: ['quiet'], arity: none, class: 'allowed' },
  { short: 'S', long: ['single-line'], arity: none, class: 'allowed' },
  { short: 'A', long: ['no-align'], arity: none, class: 'allowed' },
  { long: ['csv'], arity: none, class: 'allowed' },
  { short: 'H', long: ['html'], arity: none, class: 'allowed' },
  { short: 't', long: ['tuples-only'], arity: none, class: 'allowed' },
  { short: 'x', long: ['expanded'], arity: none, class: 'allowed' },
  { short: 'z', long: ['field-separator-zero'], arity: none, class: 'allowed' },
  { short: '0', long: ['record-separator-zero'], arity: none, class: 'allowed' },
  { short: 'w', long: ['no-password'], arity: none, class: 'allowed' },
  { short: 'P', long: ['pset'], arity: required, class: 'allowed' },
  { short: 'F', long: ['field-separator'], arity: required, class: 'allowed' },
  { short: 'R', long: ['record-separator'], arity: required, class: 'allowed' },
  { short: 'T', long: ['table-attr'], arity: required, class: 'allowed' },
  { short: 'h', long: ['host'], arity: required, class: 'connection' },
  { short: 'p', long: ['port'], arity: required, class: 'connection' },
  { short: 'U', long: ['username'], arity: required, class: 'connection' },
  { short: 'd', long: ['dbname'], arity: required, class: 'connection' },
  { long: ['database'], arity: required, class: 'connection' },
  { short: 'W', long: ['password'], arity: none, class: 'rejected' },
  { short: 's', long: ['single-step'], arity: none, class: 'rejected' },
  { short: 'l', long: ['list'], arity: none, class: 'rejected' },
  { short: 'V', long: ['version'], arity: none, class: 'rejected' },
  { short: '?', long: ['help'], arity: 'optional', class: 'rejected' },
  { short: 'o', long: ['output'], arity: required, class: 'rejected' },
  { short: 'L', long: ['log-file'], arity: required, class: 'rejected' },
];

/** {@link PSQL_OPTIONS} indexed for the parser. */
export const PSQL_OPTION_TABLE: OptionTable<PsqlOptionClass> = optionTable(PSQL_OPTIONS);
