import { connectionsOf } from '@sqlrs/conntrack';
import type { InstanceRecord, StateRecord } from '@sqlrs/store';
import type { DeleteNode } from './delete-tree.js';
import { isBlocked } from './delete-tree.js';
import type { DeletionContext } from './deletion-context.js';

/** A planned tree and the rows it covers, children before parents. */
export interface PlannedTree {
  root: DeleteNode;
  instances: InstanceRecord[];
  /** States in post-order: every state after its descendants. */
  states: StateRecord[];
}

const byCreation = <T extends { createdAt: number }>(key: (t: T) => string) => (a: T, b: T): number =>
  a.createdAt - b.createdAt || key(a).localeCompare(key(b));

/** States that a queued or running job uses as input or output (api.md §5.8 `active_tasks`). */
export function statesInUse(context: DeletionContext): Set<string> {
  const used = new Set<string>();
  for (const job of context.store.listJobs({ statuses: ['queued', 'running'] })) {
    if (job.finalStateId !== null) used.add(job.finalStateId);
    for (const task of context.store.listTasks({ jobId: job.jobId })) {
      if (task.inputKind === 'state' && task.inputId !== null) used.add(task.inputId);
      if (task.outputStateId !== null) used.add(task.outputStateId);
    }
  }
  for (const state of context.store.listStates({ statuses: ['building'] })) used.add(state.stateId);
  return used;
}

/** An instance node with a live count; stopped, failed and expired ones have nobody connected. */
export async function instanceNode(context: DeletionContext, instance: InstanceRecord, force: boolean): Promise<DeleteNode> {
  const connections =
    instance.status === 'active' ? connectionsOf(await context.instances.conntrack.count(instance.instanceId)) : 0;
  const connected = connections === null || connections > 0;
  return {
    kind: 'instance',
    id: instance.instanceId,
    connections,
    runtime_id: instance.status === 'expired' ? null : instance.runtimeId,
    blocked: connected && !force ? 'active_connections' : null,
    children: [],
  };
}

function liveInstancesOf(context: DeletionContext, stateId: string): InstanceRecord[] {
  return context.store
    .listInstances({ state: stateId })
    .filter((i) => i.status !== 'expired')
    .sort(byCreation((i) => i.instanceId));
}

function childStatesOf(context: DeletionContext, stateId: string): StateRecord[] {
  return context.store
    .listStates()
    .filter((s) => s.parentStateId === stateId)
    .sort(byCreation((s) => s.stateId));
}

/**
 * The deletion tree of a state (api.md §5.8, engine.md §12). Without `recurse` a state with a live
 * instance or a child state is `has_descendants` and no children are listed; with it the whole
 * subtree is listed (instances first, then child states, each by creation) and any blocked node
 * blocks its ancestors. `active_tasks` is never overridden by `force`.
 */
export async function planStateTree(
  context: DeletionContext,
  state: StateRecord,
  o: { recurse: boolean; force: boolean; inUse: ReadonlySet<string> },
): Promise<PlannedTree> {
  const planned: PlannedTree = { root: stateNode(state.stateId), instances: [], states: [] };
  const instances = liveInstancesOf(context, state.stateId);
  const children = childStatesOf(context, state.stateId);
  if (!o.recurse) {
    planned.root.blocked = o.inUse.has(state.stateId)
      ? 'active_tasks'
      : instances.length > 0 || children.length > 0
        ? 'has_descendants'
        : null;
    planned.states.push(state);
    return planned;
  }
  for (const instance of instances) {
    planned.root.children.push(await instanceNode(context, instance, o.force));
    planned.instances.push(instance);
  }
  for (const child of children) {
    const sub = await planStateTree(context, child, o);
    planned.root.children.push(sub.root);
    planned.instances.push(...sub.instances);
    planned.states.push(...sub.states);
  }
  planned.states.push(state);
  if (o.inUse.has(state.stateId)) planned.root.blocked = 'active_tasks';
  else if (planned.root.children.some(isBlocked)) planned.root.blocked = 'blocked_by_descendant';
  return planned;
}

function stateNode(stateId: string): DeleteNode {
  return { kind: 'state', id: stateId, connections: null, runtime_id: null, blocked: null, children: [] };
}
