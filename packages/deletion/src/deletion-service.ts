import { SqlrsError } from '@sqlrs/errors';
import type { DeleteAnswer, DeleteNode } from './delete-tree.js';
import { answerFor, isBlocked } from './delete-tree.js';
import type { DeletionContext, InstanceHandle, Release, StateGuard } from './deletion-context.js';
import { executeDeletion } from './execute-deletion.js';
import type { PlannedTree } from './plan-tree.js';
import { instanceNode, planStateTree, statesInUse } from './plan-tree.js';

/** Instance and state deletes (api.md §5.8); job deletes stay with prepare's job manager (§4.8). */
export interface DeletionService {
  deleteInstance(instanceId: string, o: { force: boolean; dryRun: boolean }): Promise<DeleteAnswer>;
  deleteState(stateId: string, o: { recurse: boolean; force: boolean; dryRun: boolean }): Promise<DeleteAnswer>;
}

/** Collaborators of the deletion service; `stateGuard` defaults to one that always grants. */
export type DeletionServiceOptions = Omit<DeletionContext, 'stateGuard' | 'now'> & { stateGuard?: StateGuard; now?: () => number };

const OPEN_GUARD: StateGuard = { tryLockExclusive: () => () => undefined };

function ids(node: DeleteNode, kind: DeleteNode['kind']): string[] {
  return [...(node.kind === kind ? [node.id] : []), ...node.children.flatMap((c) => ids(c, kind))];
}

function busy(): SqlrsError {
  return new SqlrsError('conflict', 'instance or state busy; a reset, delete, expiry or build of it is in progress, retry when it has finished');
}

/** Takes the tree's locks: instance locks from the instance service, state locks through the guard. */
function lockTree(instances: InstanceHandle, guard: StateGuard, root: DeleteNode): Release | undefined {
  const releaseInstances = instances.tryLock(ids(root, 'instance'));
  if (releaseInstances === undefined) return undefined;
  const releaseStates = guard.tryLockExclusive(ids(root, 'state'));
  if (releaseStates === undefined) {
    releaseInstances();
    return undefined;
  }
  return () => {
    releaseStates();
    releaseInstances();
  };
}

const sameIds = (a: DeleteNode, b: DeleteNode): boolean =>
  JSON.stringify([ids(a, 'instance'), ids(a, 'state')]) === JSON.stringify([ids(b, 'instance'), ids(b, 'state')]);

/** Builds the deletion service over the store, the instance service and the snapshotter. */
export function createDeletionService(options: DeletionServiceOptions): DeletionService {
  const context: DeletionContext = { ...options, stateGuard: options.stateGuard ?? OPEN_GUARD, now: options.now ?? Date.now };

  /** Plan, answer blocked/dry runs, else lock, re-plan under the locks (re-validate) and execute. */
  async function run(plan: () => Promise<PlannedTree>, dryRun: boolean): Promise<DeleteAnswer> {
    const first = await plan();
    if (dryRun || isBlocked(first.root)) return answerFor(first.root, dryRun, false);
    const release = lockTree(context.instances, context.stateGuard, first.root);
    if (release === undefined) throw busy();
    try {
      const locked = await plan();
      if (isBlocked(locked.root)) return answerFor(locked.root, false, false);
      // Something joined the tree between the two plans (a new instance or child state): its lock
      // is not held, so refuse rather than delete it unlocked.
      if (!sameIds(first.root, locked.root)) throw busy();
      await executeDeletion(context, locked);
      return answerFor(locked.root, false, true);
    } finally {
      release();
    }
  }

  return {
    deleteInstance(instanceId, o) {
      return run(async () => {
        const instance = context.store.getInstance(instanceId);
        if (instance === undefined) throw new SqlrsError('not_found', 'instance not found');
        return { root: await instanceNode(context, instance, o.force), instances: [instance], states: [] };
      }, o.dryRun);
    },
    deleteState(stateId, o) {
      return run(async () => {
        const state = context.store.getState(stateId);
        if (state === undefined || state.status === 'failed') throw new SqlrsError('not_found', 'state not found');
        return planStateTree(context, state, { recurse: o.recurse, force: o.force, inUse: statesInUse(context) });
      }, o.dryRun);
    },
  };
}
