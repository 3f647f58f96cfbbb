import { z } from 'zod';
import { Count, Name, Port, RandomId, StateId, Timestamp, TtlSeconds, extension, reportUnknownFields } from './primitives.js';

/** Lifecycle status of an instance (api.md §5.1). */
export const InstanceStatus = z.enum(['active', 'stopped', 'expired', 'failed']);
/** The literal union of instance statuses. */
export type InstanceStatus = z.infer<typeof InstanceStatus>;

/** An instance: a writable clone of a state with a running PostgreSQL server (api.md §5.1). */
export const InstanceEntry = z.object({
  instance_id: RandomId,
  name: Name.nullable(),
  image_id: z.string(),
  state_id: StateId,
  job_id: extension(RandomId.nullable()),
  status: InstanceStatus,
  runtime_id: z.string().nullable(),
  dsn: extension(z.string().nullable()),
  host: extension(z.string().nullable()),
  port: extension(Port.nullable()),
  database: extension(z.string()),
  user: extension(z.string()),
  created_at: Timestamp,
  expires_at: Timestamp.nullable(),
  last_reset_at: extension(Timestamp.nullable()),
  reset_count: extension(Count),
  connections: extension(Count.nullable()),
});
/** An instance row. */
export type InstanceEntry = z.infer<typeof InstanceEntry>;

/** Optional body of `POST /v1/instances/{id}/reset`: null keeps `expires_at`, 0 clears it (api.md §5.4). */
export const ResetRequest = extension(
  z.strictObject({ ttl_seconds: TtlSeconds.nullable().optional() }, { error: reportUnknownFields }),
);
/** A reset request. */
export type ResetRequest = z.infer<typeof ResetRequest>;
