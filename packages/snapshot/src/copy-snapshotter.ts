import type { BackendOptions } from './backend-options.js';
import { checkRootDirectory } from './check-root-directory.js';
import { randomNonce } from './random-nonce.js';
import { withProbeFile } from './with-probe-file.js';
import type { Snapshotter } from './snapshotter.js';
import { createTreeSnapshotter } from './tree-snapshotter.js';

async function validateCopyRoot(root: string, nonce: string): Promise<void> {
  await checkRootDirectory('copy', root);
  await withProbeFile('copy', root, nonce, async () => undefined);
}

/**
 * The copy backend (engine.md §6.2): plain recursive copies, available on every filesystem;
 * `snapshot(…, {consumeSource: true})` renames the stopped build directory instead of copying it.
 */
export function createCopySnapshotter(options: BackendOptions = {}): Snapshotter {
  const nonce = options.randomId ?? randomNonce;
  return createTreeSnapshotter(
    {
      kind: 'copy',
      caps: { cowClone: false, readOnlyStates: false, sharedExtents: false, snapshotMayConsumeSource: true, asyncFree: true, exclusiveSizes: false },
      files: 'copy',
      validateRoot: (root) => validateCopyRoot(root, nonce()),
    },
    options,
  );
}
