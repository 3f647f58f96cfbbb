import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

/** A filesystem `scripts/loop-store.sh` can make. */
export type LoopFilesystem = 'btrfs' | 'xfs';

const SCRIPT = fileURLToPath(new URL('../../../../scripts/loop-store.sh', import.meta.url));
const TOOLS: Record<LoopFilesystem, Array<[string, string]>> = {
  btrfs: [
    ['mkfs.btrfs', 'apt-get install btrfs-progs'],
    ['btrfs', 'apt-get install btrfs-progs'],
  ],
  xfs: [['mkfs.xfs', 'apt-get install xfsprogs']],
};

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing to mount a `fs` loop store here (empty when everything is in place). */
function loopStoreMissing(fs: LoopFilesystem): string[] {
  if (process.platform !== 'linux') return ['Linux (loop devices)'];
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (loop mounts need it)');
  if (!existsSync('/dev/loop-control')) missing.push('loop device support (/dev/loop-control)');
  for (const [tool, fix] of TOOLS[fs]) if (!onPath(tool)) missing.push(`${tool} (${fix})`);
  return missing;
}

/**
 * Registers `body` when a `fs` loop store can be made. Otherwise it skips with the reason, and
 * under CI=true it fails instead, naming what is missing, so CI never silently skips.
 */
export function describeWithLoopStore(fs: LoopFilesystem, title: string, body: () => void): void {
  const missing = loopStoreMissing(fs);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = `${title} needs ${missing.join(', ')}; run scripts/provision.sh as root`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has what the real filesystem needs', () => {
        throw new Error(reason);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${reason})`, body);
  }
}

/** A mounted loop store and how to remove it. */
export interface LoopStore {
  mountPoint: string;
  remove(): Promise<void>;
}

/** Creates and mounts a `fs` loop store at a unique point under the OS temp dir. */
export async function createLoopStore(fs: LoopFilesystem, size = '2G'): Promise<LoopStore> {
  const dir = await mkdtemp(join(tmpdir(), `sqlrs-snapshot-${fs}-`));
  const mountPoint = join(dir, 'mnt');
  const remove = async (): Promise<void> => {
    await promisify(execFile)('bash', [SCRIPT, 'remove', mountPoint], { timeout: 60_000 });
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await promisify(execFile)('bash', [SCRIPT, 'create', fs, mountPoint, size], { timeout: 120_000 });
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { mountPoint, remove };
}
