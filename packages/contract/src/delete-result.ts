import { z } from 'zod';
import { Count } from './primitives.js';

/** Why a node of a deletion tree cannot be deleted (api.md §5.8). */
export const BlockReason = z.enum(['active_connections', 'has_descendants', 'blocked_by_descendant', 'active_tasks']);
/** The literal union of block reasons. */
export type BlockReason = z.infer<typeof BlockReason>;

/** One node of a deletion tree. */
export interface DeleteNode {
  kind: 'instance' | 'state' | 'job';
  id: string;
  connections: number | null;
  runtime_id: string | null;
  blocked: BlockReason | null;
  children: DeleteNode[];
}

/** A deletion tree node; children are instances first, then child states, each by created_at. */
export const DeleteNode: z.ZodType<DeleteNode> = z.object({
  kind: z.enum(['instance', 'state', 'job']),
  id: z.string(),
  connections: Count.nullable(),
  runtime_id: z.string().nullable(),
  blocked: BlockReason.nullable(),
  get children() {
    return z.array(DeleteNode);
  },
});

/** Body of every delete answer, including the 409 of a blocked delete. */
export const DeleteResult = z.object({
  dry_run: z.boolean(),
  outcome: z.enum(['deleted', 'would_delete', 'blocked']),
  root: DeleteNode,
});
/** A delete result. */
export type DeleteResult = z.infer<typeof DeleteResult>;
