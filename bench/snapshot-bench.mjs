// Section 1 of the sandbox benchmark: clone and capture times of one snapshot backend for the
// small and the large PGDATA, `reps` measured repetitions after one warm-up (small and large
// alternating), destroying (and awaiting the freed space) after every call.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSnapshotter } from '@sqlrs/snapshot';
import { checkpoint, run, summarize, timed } from './sandbox-lib.mjs';

/** The operations measured, in the order they run inside one repetition. */
const SNAPSHOT_OPS = ['snapshot', 'cloneForBuild', 'cloneForInstance'];

/** Clone/capture times may grow at most this much from small to large (issue 3: btrfs, reflink). */
export const SIZE_RATIO_GATE = 1.5;

// Work that is not measured goes to disk before the next measurement, so a repetition does not
// pay for the previous one's writeback.
const flush = () => run('sync', []);

async function prepareSource(snapshotter, root, label, fixtureDir) {
  const volume = join(root, `${label}-build`);
  await snapshotter.createVolume(volume);
  await run('cp', ['-a', join(fixtureDir, 'pgdata'), join(volume, 'pgdata')]);
  // The clone source is a captured state, as in the engine (states are cloned, builds captured).
  const state = join(root, 'states', `${label}-source`);
  await snapshotter.snapshot(volume, state);
  await flush();
  return { volume, state, size: await snapshotter.sizeOf(volume) };
}

async function measureOp(snapshotter, source, op, dest) {
  checkpoint();
  const from = op === 'snapshot' ? source.volume : source.state;
  const { ms } = await timed(() => snapshotter[op](from, dest));
  const destroyed = await timed(() => snapshotter.destroy(dest));
  const freed = await timed(() => snapshotter.awaitFree());
  await flush();
  return { ms, destroyMs: destroyed.ms, awaitFreeMs: freed.ms };
}

/**
 * Measures one backend on `root` (a mount or a plain directory). Returns sizes per fixture and,
 * per op, p50/p95 for small and large and the ratio large/small of the p50s.
 */
export async function benchSnapshotBackend({ kind, root, fixtures, reps, log }) {
  const snapshotter = createSnapshotter(kind, { trashDir: join(root, 'trash') });
  await mkdir(join(root, 'trash'), { recursive: true });
  await mkdir(join(root, 'states'), { recursive: true });
  await mkdir(join(root, 'clones'), { recursive: true });
  await snapshotter.validateRoot(root);

  // Both sources exist side by side and the reps alternate small/large, so load that drifts over
  // the run (shared machines) hits both sizes alike.
  const labels = Object.keys(fixtures);
  const sources = {};
  const samples = {};
  for (const label of labels) {
    sources[label] = await prepareSource(snapshotter, root, label, fixtures[label]);
    samples[label] = Object.fromEntries([...SNAPSHOT_OPS, 'destroy'].map((op) => [op, []]));
  }
  for (let rep = 0; rep <= reps; rep += 1) {
    for (const label of rep % 2 === 0 ? labels : [...labels].reverse()) {
      for (const op of SNAPSHOT_OPS) {
        const dest = join(root, op === 'snapshot' ? 'states' : 'clones', `${label}-${op}-${rep}`);
        const result = await measureOp(snapshotter, sources[label], op, dest);
        if (rep === 0) continue; // warm-up
        samples[label][op].push(result.ms);
        samples[label].destroy.push(result.destroyMs + result.awaitFreeMs);
      }
    }
  }
  const sizes = {};
  for (const label of labels) {
    sizes[label] = sources[label].size;
    await snapshotter.destroy(sources[label].state);
    await snapshotter.destroy(sources[label].volume);
  }
  await snapshotter.awaitFree();
  log(`${kind}: done`);

  const ops = {};
  for (const op of [...SNAPSHOT_OPS, 'destroy']) {
    const small = summarize(samples.small[op]);
    const large = summarize(samples.large[op]);
    const ratio = Math.round((large.p50 / small.p50) * 100) / 100;
    const gated = op !== 'destroy' && snapshotter.caps.cowClone;
    ops[op] = { small, large, ratio, gate: gated ? (ratio <= SIZE_RATIO_GATE ? 'ok' : 'grows') : op === 'destroy' ? 'info' : 'exempt' };
  }
  return { backend: kind, caps: snapshotter.caps, sizes, ops };
}
