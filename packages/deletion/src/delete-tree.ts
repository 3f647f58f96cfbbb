/** Why a node cannot be deleted (api.md §5.8). */
export type BlockReason = 'active_connections' | 'has_descendants' | 'blocked_by_descendant' | 'active_tasks';

/** One node of a deletion tree, in the API's shape (api.md §5.8 `DeleteNode`). */
export interface DeleteNode {
  kind: 'instance' | 'state' | 'job';
  id: string;
  connections: number | null;
  runtime_id: string | null;
  blocked: BlockReason | null;
  children: DeleteNode[];
}

/** The answer of a delete (api.md §5.8 `DeleteResult`). */
export interface DeleteResult {
  dry_run: boolean;
  outcome: 'deleted' | 'would_delete' | 'blocked';
  root: DeleteNode;
}

/** A delete answer with its HTTP status: 409 iff blocked and not a dry run. */
export interface DeleteAnswer {
  httpStatus: 200 | 409;
  result: DeleteResult;
}

/** True when the node or any descendant is blocked. */
export function isBlocked(node: DeleteNode): boolean {
  return node.blocked !== null || node.children.some(isBlocked);
}

/** The answer for a tree: blocked → 409 (200 for a dry run), else would_delete or deleted. */
export function answerFor(root: DeleteNode, dryRun: boolean, deleted: boolean): DeleteAnswer {
  if (isBlocked(root)) return { httpStatus: dryRun ? 200 : 409, result: { dry_run: dryRun, outcome: 'blocked', root } };
  return { httpStatus: 200, result: { dry_run: dryRun, outcome: dryRun || !deleted ? 'would_delete' : 'deleted', root } };
}
