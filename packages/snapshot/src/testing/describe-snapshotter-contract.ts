import { afterAll, beforeAll, describe } from 'vitest';
import { cloneContract } from './contract/clone-contract.js';
import { destroyContract } from './contract/destroy-contract.js';
import { metadataContract } from './contract/metadata-contract.js';
import { sizeContract } from './contract/size-contract.js';
import { snapshotContract } from './contract/snapshot-contract.js';
import { validateRootContract } from './contract/validate-root-contract.js';
import { contractContext } from './contract-context.js';
import type { SnapshotterContractEnv, SnapshotterContractSetup } from './contract-context.js';

/**
 * Registers the one behaviour suite every Snapshotter backend must pass on a real filesystem
 * (engine.md §6.1): independent clones, untouched sources, immutable states, staging + rename,
 * idempotent destroy that frees space, preserved metadata, sizes and root validation.
 */
export function describeSnapshotterContract(name: string, makeEnv: SnapshotterContractSetup): void {
  describe(`Snapshotter contract: ${name}`, () => {
    let env: SnapshotterContractEnv | undefined;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      const done = env;
      env = undefined;
      await done?.cleanup?.();
    });

    const ctx = contractContext(() => env);
    validateRootContract(ctx);
    cloneContract(ctx);
    snapshotContract(ctx);
    metadataContract(ctx);
    sizeContract(ctx);
    destroyContract(ctx);
  });
}
