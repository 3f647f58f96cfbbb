import type { PsqlStep } from './parsed-psql-args.js';

const SQL_CHARS = 200;

/**
 * A step's `args_summary` (api.md §4.10): `-f <path>`, `-f -`, or `-c <sql>` with the SQL cut to
 * 200 characters (the last one `…` when cut).
 */
export function argsSummary(step: PsqlStep): string {
  switch (step.kind) {
    case 'file':
      return `-f ${step.path}`;
    case 'stdin':
      return '-f -';
    case 'command': {
      const points = Array.from(step.sql);
      const sql = points.length <= SQL_CHARS ? step.sql : `${points.slice(0, SQL_CHARS - 1).join('')}…`;
      return `-c ${sql}`;
    }
  }
}
