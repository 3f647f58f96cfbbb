// The cold-prepare workload: `schema.sql` (N `create table` with a primary key) and `data.sql`
// (one `insert … select generate_series` per table), sized so the tables and their indexes add up
// to about `mb` MiB.
import fs from 'node:fs';
import path from 'node:path';

/** Bytes one row takes on disk with its primary-key entry (heap tuple + line pointer + btree), measured on PG 15 (~200 B). */
const BYTES_PER_ROW = 200;

/** Writes schema.sql and data.sql into `dir` (readable by every user); returns their paths and the row counts. */
export function writeColdWorkload(dir, { tables, mb }) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const rowsPerTable = Math.max(1, Math.round((mb * 1024 * 1024) / tables / BYTES_PER_ROW));
  const name = (i) => `t_${String(i).padStart(3, '0')}`;
  const schema = [];
  const data = [];
  for (let i = 1; i <= tables; i += 1) {
    schema.push(
      `create table ${name(i)} (id bigint primary key, code text not null, qty integer not null, price numeric(12,2) not null, created_at timestamptz not null, note text);`,
    );
    data.push(
      `insert into ${name(i)} (id, code, qty, price, created_at, note) select g, 'c${i}-' || g, g % 1000, (g % 10000) / 100.0, timestamptz '2024-01-01' + g * interval '1 minute', md5(g::text) || md5((g + ${i})::text) from generate_series(1, ${rowsPerTable}) g;`,
    );
  }
  const files = { schema: path.join(dir, 'schema.sql'), data: path.join(dir, 'data.sql') };
  fs.writeFileSync(files.schema, `${schema.join('\n')}\n`, { mode: 0o644 });
  fs.writeFileSync(files.data, `${data.join('\n')}\n`, { mode: 0o644 });
  return { files, rowsPerTable, tables };
}
