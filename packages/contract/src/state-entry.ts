import { z } from 'zod';
import { Count, PrepareKind, StateId, Timestamp, extension } from './primitives.js';

/** Status of a state: `missing` = data lost but kept because child states point at it. */
export const StateStatus = z.enum(['ready', 'building', 'missing']);
/** The literal union of state statuses. */
export type StateStatus = z.infer<typeof StateStatus>;

/** An immutable, content-addressed snapshot of PGDATA (api.md §5.1). */
export const StateEntry = z.object({
  state_id: StateId,
  parent_state_id: StateId.nullable(),
  image_id: z.string(),
  prepare_kind: PrepareKind,
  prepare_args_normalized: z.string(),
  created_at: Timestamp,
  size_bytes: Count.nullable(),
  last_used_at: Timestamp.nullable(),
  use_count: Count,
  refcount: Count,
  status: extension(StateStatus),
  min_retention_until: Timestamp.nullable(),
});
/** A state row. */
export type StateEntry = z.infer<typeof StateEntry>;
