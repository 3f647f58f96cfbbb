import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backendUnavailable } from './backend-unavailable.js';
import { errnoOf } from './fs-failure.js';
import type { SnapshotterKind } from './snapshotter.js';

/** Writes a probe file under `root` and hands its path to `use`; the probe and `${probe}-*` files are removed after. */
export async function withProbeFile(
  backend: SnapshotterKind,
  root: string,
  nonce: string,
  use: (probe: string) => Promise<void>,
): Promise<void> {
  const probe = join(root, `.sqlrs-probe-${nonce}`);
  const extra = `${probe}-clone`;
  try {
    try {
      await writeFile(probe, Buffer.alloc(4096, 0x5a), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      throw backendUnavailable({
        backend,
        root,
        reason: `cannot write a probe file in ${root} (${errnoOf(error) ?? 'error'})`,
        fix: 'make the state store root writable by the engine user',
        cause: error,
      });
    }
    await use(probe);
  } finally {
    await rm(probe, { force: true });
    await rm(extra, { force: true });
  }
}
