import { getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * A placeholder named after each column of `table` (minus `except`), for statements prepared once
 * and run with a whole row. Drizzle accepts a placeholder wherever a value goes and still applies
 * the column's encoder; its types do not say so, hence the cast.
 */
export function columnPlaceholders<T extends SQLiteTable>(table: T, except: readonly string[] = []): T['$inferInsert'] {
  const entries = Object.keys(getTableColumns(table))
    .filter((key) => !except.includes(key))
    .map((key) => [key, sql.placeholder(key)]);
  return Object.fromEntries(entries) as unknown as T['$inferInsert'];
}

/** Placeholders for just these columns, named after them, for partial updates. */
export function pickPlaceholders<T extends SQLiteTable>(
  table: T,
  keys: ReadonlyArray<keyof T['$inferInsert'] & string>,
): Partial<T['$inferInsert']> {
  const all = columnPlaceholders(table) as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, all[key]])) as Partial<T['$inferInsert']>;
}

/** Copies the fields of `patch` that are not undefined onto `row`. */
export function applyPatch<T extends object>(row: T, patch: Partial<NoInfer<T>>): T {
  const next = { ...row };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** A named placeholder. */
export const ph = (name: string) => sql.placeholder(name);
