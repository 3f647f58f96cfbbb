import { z } from 'zod';
import { RandomId, Timestamp, extension } from './primitives.js';

/** `GET /v1/health`: the engine's identity, camelCase for upstream compatibility (api.md §3.1). */
export const HealthResponse = z.object({
  ok: z.boolean(),
  version: z.string(),
  instanceId: RandomId,
  pid: z.int().min(1),
  startedAt: extension(Timestamp),
});
/** The health probe body. */
export type HealthResponse = z.infer<typeof HealthResponse>;
