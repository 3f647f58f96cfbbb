import { z } from 'zod';
import { extension, reportUnknownFields } from './primitives.js';

/** One config value by path; `restart_required` only on PATCH and DELETE answers (api.md §8). */
export const ConfigValue = z.object({
  path: z.string(),
  value: z.unknown(),
  restart_required: extension(z.boolean()).optional(),
});
/** A config value. */
export type ConfigValue = z.infer<typeof ConfigValue>;

/** Body of `PATCH /v1/config`; the value is checked against the key's own schema afterwards. */
export const ConfigSetRequest = z.strictObject(
  {
    path: z
      .string({ error: (issue) => (issue.input === undefined ? 'path is required' : 'path must be a string') })
      .min(1, 'path is required'),
    value: z.unknown(),
  },
  { error: reportUnknownFields },
);
/** A config change request. */
export type ConfigSetRequest = z.infer<typeof ConfigSetRequest>;
