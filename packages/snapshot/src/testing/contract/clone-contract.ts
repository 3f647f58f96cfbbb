import { lstat, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBody, rejectionOf } from '../contract-context.js';
import type { ContractContext } from '../contract-context.js';
import { listTree, writeFixtureTree } from '../fixture-tree.js';

/** createVolume and the two clone operations. */
export function cloneContract(ctx: ContractContext): void {
  describe('volumes and clones', () => {
    it('createVolume makes an empty, writable 0700 directory', async () => {
      const volume = join(await ctx.workDir(), 'volume');
      await ctx.env().snapshotter.createVolume(volume);
      expect(await readdir(volume)).toEqual([]);
      expect((await lstat(volume)).mode & 0o7777).toBe(0o700);
      await writeFile(join(volume, 'file'), 'x');
      expect(await readdir(volume)).toEqual(['file']);
    });

    for (const method of ['cloneForBuild', 'cloneForInstance'] as const) {
      it(`${method} makes a writable clone independent of its source`, async () => {
        const { snapshotter } = ctx.env();
        const work = await ctx.workDir();
        const src = join(work, 'src');
        const clone = join(work, 'clone');
        await snapshotter.createVolume(src);
        await writeFixtureTree(src);
        const original = await listTree(src);

        await snapshotter[method](src, clone);
        expect(await listTree(clone)).toEqual(original);

        await writeFile(join(clone, 'pgdata', 'PG_VERSION'), '16\n');
        await writeFile(join(clone, 'pgdata', 'new-in-clone'), 'clone');
        expect(await listTree(src)).toEqual(original);

        const cloned = await listTree(clone);
        await writeFile(join(src, 'pgdata', 'new-in-source'), 'source');
        await writeFile(join(src, 'shared', 'postgresql.conf'), 'fsync = on\n');
        expect(await listTree(clone)).toEqual(cloned);
      });
    }

    it('refuses a destination that exists', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const src = join(work, 'src');
      const dest = join(work, 'dest');
      await snapshotter.createVolume(src);
      await snapshotter.createVolume(dest);
      await writeFile(join(dest, 'keep'), 'x');
      const conflict = {
        name: 'SqlrsError',
        code: 'conflict',
        message: `snapshot destination ${dest} already exists; destroy it first or pick another name`,
        details: undefined,
        data: { path: dest },
      };
      expect(errorBody(await rejectionOf(snapshotter.cloneForBuild(src, dest)))).toEqual(conflict);
      expect(errorBody(await rejectionOf(snapshotter.cloneForInstance(src, dest)))).toEqual(conflict);
      expect(errorBody(await rejectionOf(snapshotter.snapshot(src, dest)))).toEqual(conflict);
      expect(errorBody(await rejectionOf(snapshotter.createVolume(dest)))).toEqual(conflict);
      expect(await readdir(dest)).toEqual(['keep']);
    });

    it('reports a missing source as not_found and creates nothing', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const src = join(work, 'gone');
      expect(errorBody(await rejectionOf(snapshotter.cloneForInstance(src, join(work, 'dest'))))).toEqual({
        name: 'SqlrsError',
        code: 'not_found',
        message: `snapshot: ${src} does not exist or is not a directory; it may have been deleted`,
        details: undefined,
        data: { path: src },
      });
      expect(await readdir(work)).toEqual([]);
    });
  });
}
