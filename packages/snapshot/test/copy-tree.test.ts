import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyTree } from '../src/copy-tree.js';

describe('copyTree', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sqlrs-copy-tree-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips sockets, which mean nothing in a copy', async () => {
    const src = join(dir, 'src');
    await mkdir(src);
    await writeFile(join(src, 'PG_VERSION'), '15\n');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(src, '.s.PGSQL.5432'), resolve));
    try {
      await copyTree(src, join(dir, 'dest'), { files: 'copy', preserveOwner: false });
    } finally {
      server.close();
    }
    expect(await readdir(join(dir, 'dest'))).toEqual(['PG_VERSION']);
  });
});
