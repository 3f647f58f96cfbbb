import { createHash } from 'node:crypto';
import { SqlrsError } from '@sqlrs/errors';
import { parseSqlList } from './sql-literals.js';

/** One pending changeset as `update-sql` announces it (engine.md §2.5 step 3). */
export interface PendingChangeset {
  /** `FILENAME` as Liquibase will record it (the logical path). */
  path: string;
  id: string;
  author: string;
  /** `MD5SUM`, e.g. `9:…`. */
  checksum: string;
  /** `EXECUTED` or `MARK_RAN` as planned on the empty base. */
  execType: string;
  /** sha256 of the changeset's SQL block (comments, blank lines and changelog-table statements left out). */
  sqlHash: string;
}

const HEADER = /^-- Changeset (.+)::(.+)::(.+)$/;
const CHANGELOG_INSERT = /^INSERT INTO (?:\S+\.)?databasechangelog \(([^)]*)\) VALUES (\(.*\));\s*$/i;
const CHANGELOG_TABLES = /\bdatabasechangelog(lock)?\b/i;

function changelogRow(line: string): Map<string, string | null> | undefined {
  const match = CHANGELOG_INSERT.exec(line);
  if (match === null) return undefined;
  const columns = (match[1] as string).split(',').map((c) => c.trim().toUpperCase());
  const values = parseSqlList(match[2] as string);
  if (values === undefined || values.length !== columns.length) return undefined;
  return new Map(columns.map((c, i) => [c, values[i] ?? null]));
}

function required(row: Map<string, string | null>, column: string, header: string): string {
  const value = row.get(column);
  if (value === undefined || value === null) {
    throw new SqlrsError('invalid_argument', `Liquibase preview output has no ${column} for changeset ${header}`);
  }
  return value;
}

/**
 * Parses `update-sql` stdout into the pending changesets, in order (engine.md §2.5 step 3): a
 * `-- Changeset` header opens one, the following `INSERT INTO databasechangelog` gives its exact
 * identity and checksum. Output with SQL but no changeset header is `invalid_argument`.
 */
export function parsePreview(stdout: string): PendingChangeset[] {
  const result: PendingChangeset[] = [];
  let open: { header: string; sql: string[] } | undefined;
  let sawSqlOutsideChangeset = false;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const header = HEADER.exec(line);
    if (header !== null) {
      if (open !== undefined) throw new SqlrsError('invalid_argument', `Liquibase preview output: changeset ${open.header} has no databasechangelog row`);
      open = { header: line.slice('-- Changeset '.length), sql: [] };
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('--')) continue;
    const row = changelogRow(trimmed);
    if (open === undefined) {
      if (row !== undefined) throw new SqlrsError('invalid_argument', 'Liquibase preview output has a databasechangelog row outside any changeset');
      if (!CHANGELOG_TABLES.test(trimmed) && !/^SET SEARCH_PATH/i.test(trimmed)) sawSqlOutsideChangeset = true;
      continue;
    }
    if (row !== undefined) {
      result.push({
        path: required(row, 'FILENAME', open.header),
        id: required(row, 'ID', open.header),
        author: required(row, 'AUTHOR', open.header),
        checksum: required(row, 'MD5SUM', open.header),
        execType: required(row, 'EXECTYPE', open.header),
        sqlHash: createHash('sha256').update(open.sql.map((l) => `${l}\n`).join(''), 'utf8').digest('hex'),
      });
      open = undefined;
      continue;
    }
    if (!CHANGELOG_TABLES.test(trimmed)) open.sql.push(line);
  }
  if (open !== undefined) throw new SqlrsError('invalid_argument', `Liquibase preview output: changeset ${open.header} has no databasechangelog row`);
  if (result.length === 0 && sawSqlOutsideChangeset) {
    throw new SqlrsError('invalid_argument', 'Liquibase preview output has SQL but no changeset header; check the changelog and the Liquibase version');
  }
  return result;
}
