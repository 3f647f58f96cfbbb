import { z } from 'zod';
import { SnapshotBackend } from './engine-info.js';
import { Count, StateId, Timestamp, extension } from './primitives.js';

/** What started an eviction pass (api.md §7.1). */
export const EvictionTrigger = z.enum([
  'startup_recovery',
  'prepare_step',
  'snapshot',
  'metadata_commit',
  'periodic',
  'config_change',
]);
/** The literal union of eviction triggers. */
export type EvictionTrigger = z.infer<typeof EvictionTrigger>;

/** Outcome of the latest eviction pass. */
export const CacheEvictionSummary = z.object({
  completed_at: Timestamp,
  trigger: EvictionTrigger,
  evicted_count: Count,
  freed_bytes: Count,
  blocked_count: Count,
  reclaimable_bytes: Count,
  usage_bytes_before: Count,
  usage_bytes_after: Count,
  free_bytes_before: Count,
  free_bytes_after: Count,
});
/** An eviction summary. */
export type CacheEvictionSummary = z.infer<typeof CacheEvictionSummary>;

/** `GET /v1/cache/status`: usage, limits and pressure of the state cache (api.md §7.1). */
export const CacheStatus = z.object({
  usage_bytes: Count,
  configured_max_bytes: Count.nullable(),
  effective_max_bytes: Count,
  reserve_bytes: Count,
  high_watermark: z.number(),
  low_watermark: z.number(),
  min_state_age: z.string(),
  min_state_age_seconds: extension(z.number().min(0)),
  store_total_bytes: Count,
  store_free_bytes: Count,
  state_count: Count,
  reclaimable_bytes: Count,
  blocked_count: Count,
  pressure_reasons: z.array(z.enum(['usage_above_high_watermark', 'physical_free_below_reserve'])),
  last_eviction: CacheEvictionSummary.nullable(),
  snapshot_backend: extension(SnapshotBackend),
});
/** A cache status body. */
export type CacheStatus = z.infer<typeof CacheStatus>;

/** `POST /v1/cache/explain/prepare`: whether a prepare would hit the cache, step by step (api.md §7.2). */
export const CacheExplainPrepareResponse = z.object({
  decision: z.enum(['hit', 'miss']),
  reason_code: z.enum(['exact_state_match', 'no_matching_state']),
  signature: StateId,
  matched_state_id: StateId.nullable(),
  resolved_image_id: z.string().nullable(),
  total_steps: extension(Count),
  cached_steps: extension(Count),
  steps: extension(
    z.array(z.object({ task_id: z.string(), output_state_id: StateId, cached: z.boolean(), args_summary: z.string() })),
  ),
});
/** An explain answer. */
export type CacheExplainPrepareResponse = z.infer<typeof CacheExplainPrepareResponse>;
