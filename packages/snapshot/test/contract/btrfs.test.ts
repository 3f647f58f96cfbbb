import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBtrfsSnapshotter, selectSnapshotter } from '../../src/index.js';
import { describeSnapshotterContract, listTree, writeFixtureTree } from '../../src/testing.js';
import { createLoopStore, describeWithLoopStore } from './loop-store.js';
import type { LoopStore } from './loop-store.js';

describeWithLoopStore('btrfs', 'btrfs backend on a btrfs loop mount', () => {
  let store: LoopStore | undefined;
  let wrongRoot = '';
  beforeAll(async () => {
    store = await createLoopStore('btrfs');
    wrongRoot = await mkdtemp(join(tmpdir(), 'sqlrs-snapshot-not-btrfs-'));
  });
  afterAll(async () => {
    await store?.remove();
    if (wrongRoot !== '') await rm(wrongRoot, { recursive: true, force: true });
  });
  const mountPoint = (): string => {
    if (store === undefined) throw new Error('no btrfs loop store');
    return store.mountPoint;
  };

  describeSnapshotterContract('btrfs', () => ({ snapshotter: createBtrfsSnapshotter(), root: mountPoint(), wrongRoot }));

  it('auto selects btrfs on a btrfs root', async () => {
    expect((await selectSnapshotter({ root: mountPoint(), configured: 'auto' })).kind).toBe('btrfs');
  });

  it('a configured reflink backend also works on btrfs', async () => {
    expect((await selectSnapshotter({ root: mountPoint(), configured: 'reflink' })).kind).toBe('reflink');
  });

  describe('btrfs specifics', () => {
    const snapshotter = createBtrfsSnapshotter();
    // Every subvolume's root directory has inode 256.
    const isSubvolume = async (path: string): Promise<boolean> => (await lstat(path)).ino === 256;

    it('clones and snapshots a plain directory (not a subvolume root) into subvolumes', async () => {
      const work = await mkdtemp(join(mountPoint(), 'plain-'));
      const volume = join(work, 'volume');
      await snapshotter.createVolume(volume);
      await writeFixtureTree(volume);
      const pgdata = join(volume, 'pgdata');
      expect(await isSubvolume(pgdata)).toBe(false);

      await snapshotter.cloneForInstance(pgdata, join(work, 'clone'));
      await snapshotter.snapshot(pgdata, join(work, 'state'));
      expect(await isSubvolume(join(work, 'clone'))).toBe(true);
      expect(await isSubvolume(join(work, 'state'))).toBe(true);
      expect(await listTree(join(work, 'clone'))).toEqual(await listTree(pgdata));
      expect(await listTree(join(work, 'state'))).toEqual(await listTree(pgdata));
      const write = await writeFile(join(work, 'state', 'PG_VERSION'), '16\n').then(
        () => 'written',
        (error: { code?: string }) => error.code,
      );
      expect(write).toBe('EROFS');
    });

    it('destroys a plain directory holding a read-only subvolume', async () => {
      const work = await mkdtemp(join(mountPoint(), 'nested-'));
      const volume = join(work, 'volume');
      await snapshotter.createVolume(volume);
      await writeFixtureTree(volume);
      await mkdir(join(work, 'holder'));
      await snapshotter.snapshot(volume, join(work, 'holder', 'state'));
      await snapshotter.destroy(join(work, 'holder'));
      await snapshotter.destroy(volume);
      await snapshotter.awaitFree();
      expect(await readdir(work)).toEqual([]);
    });

    it('measures exclusive bytes, which a snapshot then shares', async () => {
      const work = await mkdtemp(join(mountPoint(), 'exclusive-'));
      const volume = join(work, 'volume');
      await snapshotter.createVolume(volume);
      await writeFile(join(volume, 'relation'), randomBytes(1024 * 1024));
      const alone = await snapshotter.sizeOf(volume);
      expect(alone.exclusive).toBe(1024 * 1024);
      await snapshotter.snapshot(volume, join(work, 'state'));
      expect(await snapshotter.sizeOf(volume)).toEqual({ ...alone, exclusive: 0 });
      const { exclusive: _, ...walked } = alone;
      expect(await snapshotter.sizeOf(volume, { exclusive: false })).toEqual(walked);
    });
  });
});
