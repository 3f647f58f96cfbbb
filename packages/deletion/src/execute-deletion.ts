import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { NewAuditEvent } from '@sqlrs/store';
import type { DeletionContext } from './deletion-context.js';
import type { PlannedTree } from './plan-tree.js';

function auditRows(context: DeletionContext, tree: PlannedTree): { instances: NewAuditEvent[]; states: NewAuditEvent[] } {
  const ts = context.now();
  const instances: NewAuditEvent[] = tree.instances.flatMap((i) => [
    { ts, actor: 'api' as const, action: 'instance.deleted' as const, objectId: i.instanceId, jobId: i.jobId, details: { stateId: i.stateId, status: i.status } },
    ...(i.name === null ? [] : [{ ts, actor: 'api' as const, action: 'name.removed' as const, objectId: i.name, details: { instanceId: i.instanceId } }]),
  ]);
  const states: NewAuditEvent[] = tree.states.map((s) => ({
    ts,
    actor: 'api' as const,
    action: 'state.deleted' as const,
    objectId: s.stateId,
    details: { sizeBytes: s.sizeAllocatedBytes, parentStateId: s.parentStateId },
  }));
  return { instances, states };
}

/**
 * Deletes the rows of a tree in ONE transaction (instances with their names, states with their
 * expired tombstones, audit rows), then removes data bottom-up: each instance's sandbox and data,
 * then each state directory in post-order (engine.md §12). A failing transaction is a 500 and
 * nothing is deleted; a failing cleanup is logged and left to reconciliation.
 */
export async function executeDeletion(context: DeletionContext, tree: PlannedTree): Promise<void> {
  const audit = auditRows(context, tree);
  try {
    context.store.transaction(() => {
      if (tree.instances.length > 0) context.store.deleteInstances(tree.instances.map((i) => i.instanceId), audit.instances);
      if (tree.states.length > 0) context.store.deleteStates(tree.states.map((s) => s.stateId), audit.states);
    });
  } catch (error) {
    throw new SqlrsError('internal_error', 'delete failed', { details: error instanceof Error ? error.message : String(error), cause: error });
  }
  for (const instance of tree.instances) await context.instances.destroy(instance);
  for (const state of tree.states) {
    await context.snapshotter.destroy(join(context.layout.root, state.relPath)).catch((error: unknown) => {
      context.logger.warn({ err: error, state_id: state.stateId }, 'cannot destroy the state directory; recovery retries');
    });
  }
  context.logger.info({ instances: tree.instances.length, states: tree.states.length }, 'deleted');
}
