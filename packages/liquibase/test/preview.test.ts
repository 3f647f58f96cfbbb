import { describe, expect, it } from 'vitest';
import { parsePreview } from '../src/preview.js';

const OUTPUT = `SET SEARCH_PATH TO public, "$user","public";

-- Create Database Lock Table
CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL);

-- *********************************************************************
-- Update Database Script
-- *********************************************************************

-- Changeset db/main.sql::1::alice
SET SEARCH_PATH TO public, "$user","public";

create table t1 (id int);

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1', 'alice', 'db/main.sql', NOW(), 1, '9:d2e6c788a7ad4f8dfa0dd3c162241364', 'sql', '', 'EXECUTED', NULL, NULL, '4.28.0', '5355260948');

-- Changeset db/main.sql::it's::o'brien
insert into t1 values (1);

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('it''s', 'o''brien', 'db/main.sql', NOW(), 2, '9:25ac14e7b09d97697d8b05691571db5b', 'sql', '', 'MARK_RAN', 'a, b', NULL, '4.28.0', '5355260948');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE WHERE ID = 1;
`;

describe('parsePreview (engine.md §2.5 step 3)', () => {
  it('reads identity and checksum from the databasechangelog row, not the header', () => {
    const pending = parsePreview(OUTPUT);
    expect(pending.map(({ sqlHash: _h, ...cs }) => cs)).toEqual([
      { path: 'db/main.sql', id: '1', author: 'alice', checksum: '9:d2e6c788a7ad4f8dfa0dd3c162241364', execType: 'EXECUTED' },
      { path: 'db/main.sql', id: "it's", author: "o'brien", checksum: '9:25ac14e7b09d97697d8b05691571db5b', execType: 'MARK_RAN' },
    ]);
  });

  it('hashes only the SQL block, so per-run values (deployment id, timestamps) do not matter', () => {
    const a = parsePreview(OUTPUT);
    const b = parsePreview(OUTPUT.replaceAll('5355260948', '9999999999').replace('Update Database Script', 'x'));
    expect(b.map((cs) => cs.sqlHash)).toEqual(a.map((cs) => cs.sqlHash));
    const c = parsePreview(OUTPUT.replace('create table t1 (id int);', 'create table t1 (id bigint);'));
    expect(c[0]?.sqlHash).not.toBe(a[0]?.sqlHash);
    expect(c[1]?.sqlHash).toBe(a[1]?.sqlHash);
  });

  it('returns nothing for an up-to-date database and rejects SQL without changeset headers', () => {
    expect(parsePreview('SET SEARCH_PATH TO public;\n-- Release Database Lock\nUPDATE public.databasechangeloglock SET LOCKED = FALSE;\n')).toEqual([]);
    expect(() => parsePreview('create table x (id int);\n')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => parsePreview('-- Changeset a.sql::1::me\ncreate table x (id int);\n')).toThrow(/has no databasechangelog row/);
  });
});
