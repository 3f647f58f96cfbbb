import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract-context.js';
import { expectedFixtureSummary, listTree, summarize, writeFixtureTree } from '../fixture-tree.js';

/** Modes, owners (as root), symlinks and file times survive every operation. */
export function metadataContract(ctx: ContractContext): void {
  describe('metadata', () => {
    it('keeps modes 0700/0711, owners, symlinks and times through snapshot and clone', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const volume = join(work, 'volume');
      await snapshotter.createVolume(volume);
      await writeFixtureTree(volume);
      const original = await listTree(volume);
      expect(summarize(original)).toEqual(expectedFixtureSummary());

      await snapshotter.snapshot(volume, join(work, 'state'));
      await snapshotter.cloneForInstance(join(work, 'state'), join(work, 'instance'));
      await snapshotter.cloneForBuild(join(work, 'instance'), join(work, 'build'));
      for (const copy of ['state', 'instance', 'build']) {
        expect(await listTree(join(work, copy))).toEqual(original);
      }
    });
  });
}
