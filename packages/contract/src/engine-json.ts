import { z } from 'zod';

/**
 * The discovery file a running engine writes into its store (api.md §1.1); camelCase on purpose
 * (compat). The engine writes it (`@sqlrs/statefs`), the CLI reads it.
 */
export const EngineJson = z.object({
  endpoint: z.string().min(1),
  pid: z.number().int().positive(),
  startedAt: z.string().min(1),
  authToken: z.string().regex(/^[0-9a-f]{64}$/),
  version: z.string().min(1),
  instanceId: z.string().regex(/^[0-9a-f]{32}$/),
});
/** The fields of engine.json. */
export type EngineJson = z.infer<typeof EngineJson>;
