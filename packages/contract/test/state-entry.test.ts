import { expect, test } from 'vitest';
import { StateEntry } from '../src/index.js';
import { RESOLVED, S1, S2, TS } from './fixtures.js';

test('accepts the §5.7 example rows', () => {
  const s1 = {
    state_id: S1,
    parent_state_id: null,
    image_id: RESOLVED,
    prepare_kind: 'psql',
    prepare_args_normalized: '-X -v ON_ERROR_STOP=1 -f /w/app/schema.sql',
    created_at: TS,
    size_bytes: 41943040,
    last_used_at: TS,
    use_count: 3,
    refcount: 0,
    status: 'ready',
    min_retention_until: null,
  };
  const s2 = { ...s1, state_id: S2, parent_state_id: S1, refcount: 1, size_bytes: null, status: 'building' };
  expect([s1, s2].map((row) => StateEntry.parse(row))).toEqual([s1, s2]);
});
