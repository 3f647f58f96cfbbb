import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPendingFree, onExistingDir } from '../src/pending-free.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-pending-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pending frees', () => {
  it('hand out the nearest existing ancestor of each destroyed tree, once', async () => {
    await mkdir(join(root, 'tmp/build-1'), { recursive: true });
    const pending = createPendingFree();
    pending.note(join(root, 'tmp/build-1/data'));
    pending.note(join(root, 'tmp/build-2/data'));
    expect((await pending.take()).sort()).toEqual([join(root, 'tmp'), join(root, 'tmp/build-1')].sort());
    expect(await pending.take()).toEqual([]);
  });

  it('retry a command on an ancestor when its directory is removed while it runs', async () => {
    const dir = join(root, 'tmp/build-1');
    await mkdir(dir, { recursive: true });
    const seen: string[] = [];
    const result = await onExistingDir(dir, async (d) => {
      seen.push(d);
      if (d === dir) {
        await rm(dir, { recursive: true });
        throw new Error('ERROR: cannot access');
      }
      return 'synced';
    });
    expect(result).toBe('synced');
    expect(seen).toEqual([dir, join(root, 'tmp')]);
  });

  it('pass on a failure on a directory that still exists', async () => {
    await expect(onExistingDir(root, async () => Promise.reject(new Error('real failure')))).rejects.toThrow('real failure');
  });
});
