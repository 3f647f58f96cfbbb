import { expect, test } from 'vitest';
import { NameEntry } from '../src/index.js';
import { I, RESOLVED, S2, TS } from './fixtures.js';

test('accepts the §5.6 example and rejects an id-like name', () => {
  const row = {
    name: 'dev',
    instance_id: I,
    state_id: S2,
    image_id: RESOLVED,
    state_fingerprint: S2,
    status: 'active',
    created_at: TS,
    last_used_at: TS,
  };
  expect(NameEntry.parse(row)).toEqual(row);
  expect(NameEntry.safeParse({ ...row, name: 'deadbeef' }).success).toBe(false);
});
