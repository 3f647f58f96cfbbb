import { checkPsqlStdin } from './check-psql-stdin.js';
import type { ParsedPsqlArgs } from './parsed-psql-args.js';
import { parsePsqlArgs } from './parse-psql-args.js';

/** The fields of a psql prepare (or cache explain) request that §4.2 constrains. */
export interface PsqlPrepareFields {
  readonly psql_args?: readonly string[] | null;
  readonly stdin?: string | null;
}

/**
 * The I/O-free §4.2 checks of a schema-valid psql prepare request: parses `psql_args` (null = [])
 * in prepare mode and checks `stdin` against `-f -`. File readability is the caller's (I/O) check.
 */
export function validatePsqlPrepareRequest(request: PsqlPrepareFields): ParsedPsqlArgs {
  const parsed = parsePsqlArgs(request.psql_args ?? [], 'prepare');
  checkPsqlStdin(parsed, request.stdin);
  return parsed;
}
