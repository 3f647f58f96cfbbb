import { type NameValues, valueOf } from './name-values.js';

/** What an include argument's `:name` resolves to. */
export type ArgVariable = { kind: 'value'; value: string } | { kind: 'unset' } | { kind: 'script' };

/** What `:name` in SQL text does: psql re-scans a known value; other values are left to psql. */
export type SqlVariable = { kind: 'rescan'; value: string } | { kind: 'opaque'; value: string } | { kind: 'none' };

/**
 * The psql variables one step can see: the request's `-v` values plus what the scripts assign
 * (`\set`, `\unset`, `\getenv`, `\prompt`, `\gset`), tracked in textual order across includes.
 */
export class PsqlVariableScope {
  private readonly assigned = new Map<string, string | null>();
  private readonly gsetPrefixes: string[] = [];

  constructor(private readonly request: NameValues) {}

  /** Records a script assignment; `null` for a value that is not known before run time. */
  assign(name: string, value: string | null): void {
    this.assigned.set(name, value);
  }

  /** Records `\gset [prefix]`: any variable starting with `prefix` may now be set by a query. */
  assignPrefix(prefix: string): void {
    this.gsetPrefixes.push(prefix);
  }

  private scriptAssigned(name: string): boolean {
    return this.assigned.has(name) || this.gsetPrefixes.some((prefix) => name.startsWith(prefix));
  }

  /** Resolves a variable used in an include or data-file argument. */
  forArgument(name: string): ArgVariable {
    if (this.scriptAssigned(name)) return { kind: 'script' };
    const value = valueOf(this.request, name);
    return value === undefined ? { kind: 'unset' } : { kind: 'value', value };
  }

  /** Resolves a plain `:name` interpolated into SQL text, which psql scans again like script text. */
  forSql(name: string): SqlVariable {
    if (this.scriptAssigned(name)) {
      const value = this.assigned.get(name);
      return typeof value === 'string' && value.includes('\\') ? { kind: 'opaque', value } : { kind: 'none' };
    }
    const value = valueOf(this.request, name);
    return value === undefined ? { kind: 'none' } : { kind: 'rescan', value };
  }
}
