import { describe, expect, it } from 'vitest';
import { harness, psqlRequest, settled } from './helpers/service-harness.js';

describe('cache explain (api.md §7.2)', () => {
  it('reports a miss with the cached prefix, creates nothing, then a hit after a job', async () => {
    const h = await harness();
    await settled(h.service, (await h.service.submit(psqlRequest(['-c', 'select 1']))).job_id);
    const before = { jobs: h.store.listJobs().length, states: h.store.listStates().length, starts: h.runtime.starts.length };
    const miss = await h.service.explain(psqlRequest(['-c', 'select 1', '-c', 'select 2'], { name: 'ignored' }));
    const [s1, s2] = [miss.steps[0]?.output_state_id, miss.steps[1]?.output_state_id];
    expect(miss).toEqual({
      decision: 'miss',
      reason_code: 'no_matching_state',
      signature: miss.signature,
      matched_state_id: null,
      resolved_image_id: `postgres:15.8@sha256:${'a'.repeat(64)}`,
      total_steps: 2,
      cached_steps: 1,
      steps: [
        { task_id: 'execute-0', output_state_id: s1, cached: true, args_summary: '-c select 1' },
        { task_id: 'execute-1', output_state_id: s2, cached: false, args_summary: '-c select 2' },
      ],
    });
    expect({ jobs: h.store.listJobs().length, states: h.store.listStates().length, starts: h.runtime.starts.length }).toEqual(before);
    const job = await settled(h.service, (await h.service.submit(psqlRequest(['-c', 'select 1', '-c', 'select 2']))).job_id);
    const hit = await h.service.explain(psqlRequest(['-c', 'select 1', '-c', 'select 2']));
    expect(hit).toMatchObject({ decision: 'hit', reason_code: 'exact_state_match', matched_state_id: s2, cached_steps: 2, signature: job?.signature });
  });
});
