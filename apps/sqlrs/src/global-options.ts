// Options every command accepts, before or after the command name.
import type { OptionSpec } from './command.js';

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'output', short: 'o', type: 'string', value: 'text|json', help: 'result format on stdout (default text)' },
  { name: 'state-store', type: 'string', value: 'DIR', help: 'state store root (default $SQLRS_STATE_STORE, then ~/.local/state/sqlrs)' },
  { name: 'help', short: 'h', type: 'boolean', help: 'show help for the command' },
];
