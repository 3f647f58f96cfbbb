import { expect, test } from 'vitest';
import { CacheExplainPrepareResponse, CacheStatus } from '../src/index.js';
import { RESOLVED, S1, SIG, TS } from './fixtures.js';

test('CacheStatus accepts the §7.1 example and one with a last eviction', () => {
  const body = {
    usage_bytes: 5368709120,
    configured_max_bytes: null,
    effective_max_bytes: 15461882266,
    reserve_bytes: 1717986918,
    high_watermark: 0.9,
    low_watermark: 0.8,
    min_state_age: '10m0s',
    min_state_age_seconds: 600,
    store_total_bytes: 17179869184,
    store_free_bytes: 9663676416,
    state_count: 12,
    reclaimable_bytes: 1073741824,
    blocked_count: 4,
    pressure_reasons: [],
    last_eviction: null,
    snapshot_backend: 'btrfs',
  };
  const evicted = {
    ...body,
    pressure_reasons: ['physical_free_below_reserve'],
    last_eviction: {
      completed_at: TS,
      trigger: 'prepare_step',
      evicted_count: 2,
      freed_bytes: 1024,
      blocked_count: 1,
      reclaimable_bytes: 0,
      usage_bytes_before: 4096,
      usage_bytes_after: 3072,
      free_bytes_before: 10,
      free_bytes_after: 1034,
    },
  };
  expect(CacheStatus.parse(body)).toEqual(body);
  expect(CacheStatus.parse(evicted)).toEqual(evicted);
});

test('CacheExplainPrepareResponse accepts the §7.2 example', () => {
  const body = {
    decision: 'miss',
    reason_code: 'no_matching_state',
    signature: SIG,
    matched_state_id: null,
    resolved_image_id: RESOLVED,
    total_steps: 2,
    cached_steps: 1,
    steps: [
      { task_id: 'execute-0', output_state_id: S1, cached: true, args_summary: '-f /w/app/schema.sql' },
      { task_id: 'execute-1', output_state_id: SIG, cached: false, args_summary: '-c select 2' },
    ],
  };
  expect(CacheExplainPrepareResponse.parse(body)).toEqual(body);
});
