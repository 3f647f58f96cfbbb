import { chmod, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { TreeSize } from '@sqlrs/snapshot';
import type { JobPlan } from './job-plan.js';

/** What a base depends on: the resolved image and the init spec. */
export type BaseSpec = Pick<JobPlan, 'image' | 'locale' | 'initSpecHash' | 'baseId' | 'version'>;
import { flushFilesystem } from './flush-filesystem.js';
import type { PrepareContext } from './prepare-context.js';

const TAIL_LINES = 50;

async function hasCluster(dir: string): Promise<boolean> {
  try {
    await stat(join(dir, 'pgdata', 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

/** Creates a store directory with search bits for the server uid (engine.md §5.1). */
export async function mkdirShared(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o711 });
  await chmod(path, 0o711);
}

/**
 * The base cluster of the plan's image and init spec: initialised once per base id under an
 * in-process mutex into `tmp/base-<nonce>`, renamed into place, then its `bases` row written.
 */
export async function ensureBase(ctx: PrepareContext, plan: BaseSpec): Promise<string> {
  const baseDir = ctx.layout.baseDir(plan.version);
  return ctx.baseMutex.run(plan.baseId, async () => {
    const row = ctx.store.getBase(plan.baseId);
    if (row?.status === 'ready' && (await hasCluster(baseDir))) return baseDir;
    const tmp = ctx.layout.tmpBaseDir(ctx.nonce());
    const tail: string[] = [];
    let size: TreeSize | undefined;
    await mkdirShared(ctx.layout.tmpDir);
    try {
      // A volume of the backend's own kind (a btrfs subvolume), so a step clones the base with one
      // snapshot instead of a file-by-file reflink copy.
      await ctx.snapshotter.createVolume(tmp);
      await ctx.runtime.initBase(plan.image, tmp, { encoding: 'UTF8', locale: plan.locale }, (_stream, line) => {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      });
      // initdb ran with --no-sync: one flush before the base can be found (engine.md §6.4 step 6).
      // The bounded cache counts bases (engine.md §13); a missing size only under-counts one base.
      [size] = await Promise.all([ctx.snapshotter.sizeOf(tmp, { exclusive: false }).catch(() => undefined), flushFilesystem(tmp)]);
      await mkdirShared(ctx.layout.versionDir(plan.version));
      await ctx.snapshotter.destroy(baseDir);
      await rename(tmp, baseDir);
    } catch (error) {
      await ctx.snapshotter.destroy(tmp).catch(() => undefined);
      if (error instanceof SqlrsError) throw error;
      throw new SqlrsError('internal_error', 'could not initialise the base cluster', { details: tail.join('\n') || String(error), cause: error });
    }
    const at = ctx.now();
    ctx.store.upsertBase({
      baseId: plan.baseId,
      imageKey: plan.image.imageKey,
      initSpecHash: plan.initSpecHash,
      initSpecJson: JSON.stringify({ encoding: 'UTF8', locale: plan.locale }),
      relPath: baseDir.slice(ctx.layout.root.length + 1),
      status: 'ready',
      sizeAllocatedBytes: size?.allocated ?? null,
      createdAt: row?.createdAt ?? at,
      readyAt: at,
      lastUsedAt: at,
    });
    return baseDir;
  });
}
