import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunAlways } from '../src/run-always.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-lb-runalways-'));
  await writeFile(join(root, 'c.sql'), '--liquibase formatted sql\n--changeset me:1\nselect 1;\n--changeset me:2 runAlways:true\nselect 2;\n--changeset me:3 runAlways:false\nselect 3;\n--changeset me:4 runAlways:${always}\nselect 4;\n');
  await writeFile(join(root, 'c.xml'), '<databaseChangeLog>\n<changeSet id="1" author="me"><sql>select 1</sql></changeSet>\n<changeSet author="me" id="2" runAlways="true"><sql>select 2</sql></changeSet>\n</databaseChangeLog>\n');
  await writeFile(join(root, 'c.yaml'), 'databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: me\n      changes: []\n  - changeSet:\n      id: 2\n      author: me\n      runAlways: true\n      changes: []\n');
  await writeFile(join(root, 'c.json'), JSON.stringify({ databaseChangeLog: [{ changeSet: { id: '1', author: 'me' } }, { changeSet: { id: '2', author: 'me', runAlways: true } }] }));
  await writeFile(join(root, 'bad.json'), '{ not json');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('isRunAlways (engine.md §2.5 step 4)', () => {
  it.each(['c.sql', 'c.xml', 'c.yaml', 'c.json'])('reads the declaration in %s', async (file) => {
    expect(await isRunAlways({ path: file, id: '1', author: 'me' }, [root])).toBe(false);
    expect(await isRunAlways({ path: file, id: '2', author: 'me' }, [root])).toBe(true);
  });

  it('treats false as false and anything else, unreadable files and unknown changesets as runAlways', async () => {
    expect(await isRunAlways({ path: 'c.sql', id: '3', author: 'me' }, [root])).toBe(false);
    expect(await isRunAlways({ path: 'c.sql', id: '4', author: 'me' }, [root])).toBe(true);
    expect(await isRunAlways({ path: 'c.sql', id: '9', author: 'me' }, [root])).toBe(true);
    expect(await isRunAlways({ path: 'bad.json', id: '1', author: 'me' }, [root])).toBe(true);
    expect(await isRunAlways({ path: 'missing.sql', id: '1', author: 'me' }, ['/nonexistent', root])).toBe(true);
  });
});
