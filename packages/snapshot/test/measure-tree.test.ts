import { link, lstat, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureTree } from '../src/measure-tree.js';

describe('measureTree', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sqlrs-measure-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds file sizes once per inode, does not follow symlinks, and counts every block', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'sub'), { recursive: true });
    await writeFile(join(tree, 'a'), Buffer.alloc(10_000, 1));
    await writeFile(join(tree, 'sub', 'b'), Buffer.alloc(3000, 2));
    await link(join(tree, 'a'), join(tree, 'sub', 'a-again'));
    await writeFile(join(dir, 'outside'), Buffer.alloc(50_000, 3));
    await symlink(join(dir, 'outside'), join(tree, 'link'));

    const blocks = async (path: string): Promise<number> => (await lstat(path)).blocks * 512;
    const expectedAllocated =
      (await blocks(tree)) +
      (await blocks(join(tree, 'sub'))) +
      (await blocks(join(tree, 'a'))) +
      (await blocks(join(tree, 'sub', 'b'))) +
      (await blocks(join(tree, 'link')));
    expect(await measureTree(tree)).toEqual({ apparent: 13_000, allocated: expectedAllocated });
  });
});
