import { z } from 'zod';
import { RandomId, Timestamp, extension } from './primitives.js';

/** Runtime kinds the engine can run PostgreSQL with. */
export const RuntimeKind = z.enum(['docker', 'process']);
/** The literal union of runtime kinds. */
export type RuntimeKind = z.infer<typeof RuntimeKind>;
/** Snapshot backends a store can use (api.md §3.5, §7.1). */
export const SnapshotBackend = z.enum(['btrfs', 'reflink', 'copy']);
/** The literal union of snapshot backends. */
export type SnapshotBackend = z.infer<typeof SnapshotBackend>;

/** `GET /v1/engine`: identity plus the parts the engine resolved at startup (api.md §3.5). */
export const EngineInfo = extension(
  z.object({
    version: z.string(),
    instance_id: RandomId,
    pid: z.int().min(1),
    started_at: Timestamp,
    store_root: z.string(),
    store_id: RandomId,
    runtime: z.object({
      kind: RuntimeKind,
      version: z.string().nullable(),
      network: z.enum(['host', 'bridge']).nullable(),
      ok: z.boolean(),
      reason: z.string().nullable(),
    }),
    snapshot_backend: SnapshotBackend,
    liquibase: z.object({
      mode: z.enum(['host', 'docker']),
      version: z.string().nullable(),
      ok: z.boolean(),
      reason: z.string().nullable(),
    }),
  }),
);
/** The engine info body. */
export type EngineInfo = z.infer<typeof EngineInfo>;
