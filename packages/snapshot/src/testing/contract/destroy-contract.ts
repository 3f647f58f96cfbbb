import { randomBytes } from 'node:crypto';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeBytes } from '../contract-context.js';
import type { ContractContext } from '../contract-context.js';
import { writeFixtureTree } from '../fixture-tree.js';

const MIB = 1024 * 1024;

async function writeSynced(path: string, bytes: Buffer): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Destroy is idempotent, leaves nothing behind and gives the space back. */
export function destroyContract(ctx: ContractContext): void {
  describe('destroy', () => {
    it('removes volumes, clones and states, twice without error, and leaves nothing behind', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const [volume, state, clone] = ['volume', 'state', 'clone'].map((name) => join(work, name)) as [string, string, string];
      await snapshotter.createVolume(volume);
      await writeFixtureTree(volume);
      await snapshotter.snapshot(volume, state);
      await snapshotter.cloneForBuild(state, clone);

      for (const path of [clone, state, volume]) {
        await snapshotter.destroy(path);
        expect(await exists(path)).toBe(false);
        await snapshotter.destroy(path);
      }
      await snapshotter.destroy(join(work, 'never-existed'));
      await snapshotter.awaitFree();
      expect(await readdir(work)).toEqual([]);
    });

    it('gives the space back after destroy and awaitFree (64 MiB file)', async () => {
      const { snapshotter, root } = ctx.env();
      const work = await ctx.workDir();
      const [volume, state, clone] = ['volume', 'state', 'clone'].map((name) => join(work, name)) as [string, string, string];
      await snapshotter.createVolume(volume);
      await writeSynced(join(volume, 'relation'), randomBytes(64 * MIB));
      await snapshotter.snapshot(volume, state);
      await snapshotter.cloneForInstance(state, clone);
      // Settle earlier frees (and flush btrfs) so the baseline is stable.
      await snapshotter.awaitFree();
      const before = await freeBytes(root);

      await snapshotter.destroy(clone);
      await snapshotter.destroy(state);
      await snapshotter.destroy(volume);
      await snapshotter.awaitFree();
      const freed = (await freeBytes(root)) - before;

      // Copies hold the data three times; CoW backends share it, so at least one copy comes back.
      const held = 64 * MIB * (snapshotter.caps.cowClone ? 1 : 3);
      expect(freed).toBeGreaterThanOrEqual(held * 0.75);
    });
  });
}
