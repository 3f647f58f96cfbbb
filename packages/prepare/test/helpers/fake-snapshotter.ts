import { cp, rename, rm } from 'node:fs/promises';
import type { Snapshotter, TreeSize } from '@sqlrs/snapshot';

/** A copy-backend lookalike over real directories with call counts. */
export class FakeSnapshotter implements Snapshotter {
  readonly kind = 'copy' as const;
  readonly caps = { cowClone: false, readOnlyStates: false, sharedExtents: false, snapshotMayConsumeSource: true, asyncFree: false, exclusiveSizes: false };
  clones = 0;
  snapshots = 0;

  async validateRoot(): Promise<void> {}
  async createVolume(): Promise<void> {}
  async cloneForBuild(src: string, dest: string): Promise<void> {
    this.clones += 1;
    await cp(src, dest, { recursive: true, errorOnExist: true, force: false });
  }
  async cloneForInstance(src: string, dest: string): Promise<void> {
    await cp(src, dest, { recursive: true, errorOnExist: true, force: false });
  }
  async snapshot(src: string, dest: string, options?: { consumeSource?: boolean }): Promise<void> {
    this.snapshots += 1;
    if (options?.consumeSource === true) await rename(src, dest);
    else await cp(src, dest, { recursive: true });
  }
  async destroy(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }
  async awaitFree(): Promise<void> {}
  async sizeOf(): Promise<TreeSize> {
    return { apparent: 100, allocated: 4096 };
  }
}
