import { z } from 'zod';
import { Count, Timestamp, extension, reportUnknownFields } from './primitives.js';

/** Longest drain a shutdown request may ask for, in seconds (api.md §3.2). */
export const MAX_SHUTDOWN_TIMEOUT_SECONDS = 3600;

/** Optional body of `POST /v1/engine/shutdown`; defaults drain false, timeout 30 s. */
export const ShutdownRequest = extension(
  z.strictObject(
    {
      drain: z.boolean().optional(),
      timeout_seconds: z
        .int('expected an integer number of seconds')
        .min(0, 'expected 0..3600 seconds')
        .max(MAX_SHUTDOWN_TIMEOUT_SECONDS, 'expected 0..3600 seconds')
        .optional(),
    },
    { error: reportUnknownFields },
  ),
);
/** A shutdown request. */
export type ShutdownRequest = z.infer<typeof ShutdownRequest>;

/** 202 answer of a shutdown request: what is still running and the deadline. */
export const ShutdownAccepted = extension(
  z.object({
    status: z.literal('shutting_down'),
    drain: z.boolean(),
    deadline_at: Timestamp,
    running_jobs: Count,
    active_runs: Count,
    open_streams: Count,
  }),
);
/** An accepted shutdown. */
export type ShutdownAccepted = z.infer<typeof ShutdownAccepted>;
