import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCopySnapshotter } from '../../src/index.js';
import { describeSnapshotterContract } from '../../src/testing.js';

let dir = '';
describeSnapshotterContract('copy in a plain directory', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sqlrs-snapshot-copy-'));
  return { snapshotter: createCopySnapshotter(), root: dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
