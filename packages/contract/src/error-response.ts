import { ERROR_CODES } from '@sqlrs/errors';
import { z } from 'zod';
import { extension } from './primitives.js';

/** Every error code of api.md §1.5. */
export const ErrorCode = z.enum(ERROR_CODES);
/** The literal union of api.md error codes. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The body of every 4xx/5xx response and of job, task and run errors (api.md §1.5). */
export const ErrorResponse = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.string().optional(),
  issues: extension(z.array(z.object({ path: z.string(), message: z.string() }))).optional(),
});
/** An api.md error body. */
export type ErrorResponse = z.infer<typeof ErrorResponse>;
