import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@sqlrs/telemetry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotter, selectSnapshotter } from '../src/index.js';
import { BTRFS_MAGIC, filesystemTypeName, filesystemTypeOf } from '../src/filesystem-type.js';

function body(error: unknown): Record<string, unknown> {
  const { name, code, message, details, data } = error as Record<string, unknown>;
  return { name, code, message, details, data };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

// Records what selectSnapshotter logs, through the pino call shape (fields, message).
function recordingLogger(): Pick<Logger, 'info' | 'warn'> & { lines: unknown[] } {
  const lines: unknown[] = [];
  return {
    lines,
    info: (fields: unknown, message?: string) => {
      lines.push(['info', fields, message]);
    },
    warn: (fields: unknown, message?: string) => {
      lines.push(['warn', fields, message]);
    },
  };
}

describe('createSnapshotter', () => {
  it('declares each backend’s capabilities', () => {
    expect(['btrfs', 'reflink', 'copy'].map((kind) => createSnapshotter(kind as 'btrfs').caps)).toEqual([
      { cowClone: true, readOnlyStates: true, sharedExtents: true, snapshotMayConsumeSource: false, asyncFree: true, exclusiveSizes: true },
      { cowClone: true, readOnlyStates: false, sharedExtents: true, snapshotMayConsumeSource: false, asyncFree: true, exclusiveSizes: false },
      { cowClone: false, readOnlyStates: false, sharedExtents: false, snapshotMayConsumeSource: true, asyncFree: true, exclusiveSizes: false },
    ]);
  });
});

// The OS temp dir of our machines is ext4: neither btrfs nor reflink-capable.
const tempType = await filesystemTypeOf(tmpdir());
const plainTemp = tempType !== BTRFS_MAGIC && filesystemTypeName(tempType) !== 'xfs';

describe.runIf(plainTemp)('selectSnapshotter on a plain filesystem', () => {
  let root = '';
  const fsName = filesystemTypeName(tempType);
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sqlrs-select-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('auto falls back to copy, logging why reflink was passed over', async () => {
    const logger = recordingLogger();
    const snapshotter = await selectSnapshotter({ root, configured: 'auto', logger, randomId: () => 'feed' });
    expect(snapshotter.kind).toBe('copy');
    const reason = `the ${fsName} filesystem of ${root} cannot clone files (FICLONE failed: ENOTSUP)`;
    const fix = 'put the state store on XFS made with reflink=1 or on btrfs, or set snapshot.backend to auto or copy';
    expect(logger.lines).toEqual([
      ['warn', { backend: 'reflink', root, reason: `snapshot backend reflink: ${reason}; ${fix}` }, 'snapshot: backend unavailable, trying the next one'],
      ['info', { backend: 'copy', root }, 'snapshot: backend selected automatically'],
    ]);
    expect(await readdir(root)).toEqual([]);
  });

  it('a configured copy backend is used as is', async () => {
    const logger = recordingLogger();
    expect((await selectSnapshotter({ root, configured: 'copy', logger })).kind).toBe('copy');
    expect(logger.lines).toEqual([['info', { backend: 'copy', root }, 'snapshot: using the configured backend']]);
  });

  it('a configured btrfs backend on another filesystem is a startup error, not a downgrade', async () => {
    const reason = `${root} is on ${fsName}, not btrfs`;
    const fix = 'put the state store on a btrfs filesystem or set snapshot.backend to auto, reflink or copy';
    expect(body(await failure(selectSnapshotter({ root, configured: 'btrfs' })))).toEqual({
      name: 'SqlrsError',
      code: 'unavailable',
      message: `snapshot backend btrfs: ${reason}; ${fix}`,
      details: undefined,
      data: { backend: 'btrfs', root, reason, fix },
    });
  });

  it('a configured reflink backend without FICLONE is a startup error, and the probe is cleaned up', async () => {
    const reason = `the ${fsName} filesystem of ${root} cannot clone files (FICLONE failed: ENOTSUP)`;
    const fix = 'put the state store on XFS made with reflink=1 or on btrfs, or set snapshot.backend to auto or copy';
    const probe = join(root, '.sqlrs-probe-feed');
    expect(body(await failure(selectSnapshotter({ root, configured: 'reflink', randomId: () => 'feed' })))).toEqual({
      name: 'SqlrsError',
      code: 'unavailable',
      message: `snapshot backend reflink: ${reason}; ${fix}`,
      details: `ENOTSUP: operation not supported on socket, copyfile '${probe}' -> '${probe}-clone'`,
      data: { backend: 'reflink', root, reason, fix },
    });
    expect(await readdir(root)).toEqual([]);
  });

  it('auto on a missing root is unavailable, naming the root', async () => {
    const missing = join(root, 'missing');
    const reason = `state store root ${missing} cannot be read (ENOENT)`;
    const fix = 'create the state store first or check --state-store';
    expect(body(await failure(selectSnapshotter({ root: missing, configured: 'auto' })))).toEqual({
      name: 'SqlrsError',
      code: 'unavailable',
      message: `snapshot backend copy: ${reason}; ${fix}`,
      details: undefined,
      data: { backend: 'copy', root: missing, reason, fix },
    });
  });
});
