import { expect, test } from 'vitest';
import { TaskEntry } from '../src/index.js';
import { HASH, I, J, S1, TS } from './fixtures.js';

const base = {
  task_id: 'plan',
  job_id: J,
  status: 'succeeded',
  type: 'plan',
  planner_kind: 'psql',
  input: null,
  task_hash: null,
  output_state_id: null,
  cached: null,
  instance_mode: null,
  instance_id: null,
  image_id: null,
  resolved_image_id: null,
  args_summary: null,
  changeset_id: null,
  changeset_author: null,
  changeset_path: null,
  started_at: TS,
  finished_at: TS,
  error: null,
};

test('accepts the §4.10 plan row and a failed state_execute row', () => {
  const failed = {
    ...base,
    task_id: 'execute-0',
    type: 'state_execute',
    status: 'failed',
    planner_kind: null,
    input: { kind: 'state', id: S1 },
    task_hash: HASH,
    output_state_id: S1,
    cached: false,
    args_summary: 'id1::alice::db/changelog.xml',
    changeset_id: 'id1',
    changeset_author: 'alice',
    changeset_path: 'db/changelog.xml',
    error: { code: 'internal_error', message: 'psql failed', details: 'ERROR: boom' },
  };
  expect(TaskEntry.parse(base)).toEqual(base);
  expect(TaskEntry.parse(failed)).toEqual(failed);
  expect(TaskEntry.parse({ ...base, type: 'prepare_instance', instance_mode: 'ephemeral', instance_id: I })).toEqual({
    ...base,
    type: 'prepare_instance',
    instance_mode: 'ephemeral',
    instance_id: I,
  });
});
