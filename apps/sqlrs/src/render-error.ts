// Turns any failure into a message on stderr and an exit code.
import { isSqlrsError, toSqlrsError } from '@sqlrs/errors';
import type { SqlrsError } from '@sqlrs/errors';
import type { OutputFormat } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

const NOT_IMPLEMENTED = /^(\S+ \S+) is not implemented in this build/;

/** The engine answered 503 for a route it does not have yet (api.md §1.5). */
function notImplemented(error: SqlrsError): string | undefined {
  return error.code === 'unavailable' ? NOT_IMPLEMENTED.exec(error.message)?.[1] : undefined;
}

/** The error as the CLI reports it: code, message, details and an exit code. */
export function describeError(value: unknown): { code: string; message: string; details?: string; exit: number } {
  const error = isSqlrsError(value) ? value : toSqlrsError(value);
  const route = notImplemented(error);
  const message =
    route === undefined
      ? error.message
      : `this engine build does not implement ${route} yet; update sqlrs-engine to a build that has it`;
  const issues = error.issues?.map((i) => `${i.path}: ${i.message}`).join('\n');
  const details = [error.details, issues].filter((d) => d !== undefined && d !== '').join('\n');
  return { code: route === undefined ? error.code : 'not_implemented', message, ...(details === '' ? {} : { details }), exit: exitCodeFor(error.code) };
}

/** Writes the error to stderr (JSON in json mode) and returns the exit code. */
export function renderError(io: CliIo, output: OutputFormat, value: unknown): number {
  const described = describeError(value);
  const { exit, ...body } = described;
  if (output === 'json') io.stderr.write(`${JSON.stringify({ error: body })}\n`);
  else io.stderr.write(`sqlrs: ${body.message}\n${body.details === undefined ? '' : `${indent(body.details)}\n`}`);
  return exit === EXIT.ok ? EXIT.software : exit;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
