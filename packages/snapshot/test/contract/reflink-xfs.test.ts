import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReflinkSnapshotter, selectSnapshotter } from '../../src/index.js';
import { describeSnapshotterContract } from '../../src/testing.js';
import { createLoopStore, describeWithLoopStore } from './loop-store.js';
import type { LoopStore } from './loop-store.js';

describeWithLoopStore('xfs', 'reflink backend on an XFS (reflink=1) loop mount', () => {
  let store: LoopStore | undefined;
  let wrongRoot = '';
  beforeAll(async () => {
    store = await createLoopStore('xfs');
    wrongRoot = await mkdtemp(join(tmpdir(), 'sqlrs-snapshot-no-reflink-'));
  });
  afterAll(async () => {
    await store?.remove();
    if (wrongRoot !== '') await rm(wrongRoot, { recursive: true, force: true });
  });
  const mountPoint = (): string => {
    if (store === undefined) throw new Error('no XFS loop store');
    return store.mountPoint;
  };

  describeSnapshotterContract('reflink on XFS', () => ({ snapshotter: createReflinkSnapshotter(), root: mountPoint(), wrongRoot }));

  it('auto selects reflink on an XFS root', async () => {
    expect((await selectSnapshotter({ root: mountPoint(), configured: 'auto' })).kind).toBe('reflink');
  });
});
