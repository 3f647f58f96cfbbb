import { z } from 'zod';
import { Name, RandomId, StateId, Timestamp, extension } from './primitives.js';

/** A name bound to an instance (api.md §5.1, §5.6); `status` is always `active`. */
export const NameEntry = z.object({
  name: Name,
  instance_id: RandomId.nullable(),
  state_id: StateId,
  image_id: z.string(),
  state_fingerprint: StateId,
  status: z.enum(['active', 'expired', 'missing']),
  created_at: extension(Timestamp),
  last_used_at: Timestamp.nullable(),
});
/** A name row. */
export type NameEntry = z.infer<typeof NameEntry>;
