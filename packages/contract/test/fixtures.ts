// Example values for api.md's placeholders (J, I, S1, S2, "…").
export const J = '9f2c4be1d2c3a4b5c6d7e8f90a1b2c3d';
export const I = '4be1d2c3a4b5c6d7e8f90a1b2c3d4e5f';
export const S1 = 'a'.repeat(64);
export const S2 = 'b'.repeat(64);
export const SIG = 'c'.repeat(64);
export const HASH = 'd'.repeat(64);
export const TS = '2025-06-01T09:30:00.125Z';
export const RESOLVED = 'postgres@sha256:ab12';

export const jobResult = {
  dsn: 'postgres://sqlrs:7c1d@127.0.0.1:55432/postgres',
  instance_id: I,
  state_id: S2,
  image_id: RESOLVED,
  prepare_kind: 'psql',
  prepare_args_normalized: "-X -v ON_ERROR_STOP=1 -f /w/app/schema.sql -c 'insert into t values (1)'",
  name: 'dev',
  expires_at: TS,
  host: '127.0.0.1',
  port: 55432,
  database: 'postgres',
  user: 'sqlrs',
};

export const planTasks = [
  { task_id: 'plan', type: 'plan', status: 'succeeded', planner_kind: 'psql' },
  { task_id: 'resolve-image', type: 'resolve_image', status: 'succeeded', image_id: 'postgres:17', resolved_image_id: RESOLVED },
  {
    task_id: 'execute-0',
    type: 'state_execute',
    status: 'succeeded',
    input: { kind: 'image', id: RESOLVED },
    task_hash: HASH,
    output_state_id: S1,
    cached: true,
    args_summary: '-f /w/app/schema.sql',
    changeset_id: null,
    changeset_author: null,
    changeset_path: null,
  },
  {
    task_id: 'execute-1',
    type: 'state_execute',
    status: 'succeeded',
    input: { kind: 'state', id: S1 },
    task_hash: HASH,
    output_state_id: S2,
    cached: false,
    args_summary: '-c insert into t values (1)',
    changeset_id: null,
    changeset_author: null,
    changeset_path: null,
  },
  {
    task_id: 'prepare-instance',
    type: 'prepare_instance',
    status: 'succeeded',
    input: { kind: 'state', id: S2 },
    instance_mode: 'ephemeral',
    instance_id: I,
  },
];

export const jobStatus = {
  job_id: J,
  status: 'succeeded',
  prepare_kind: 'psql',
  image_id: 'postgres:17',
  resolved_image_id: RESOLVED,
  plan_only: false,
  name: 'dev',
  ttl_seconds: 3600,
  prepare_args_normalized: jobResult.prepare_args_normalized,
  signature: SIG,
  created_at: TS,
  started_at: TS,
  finished_at: TS,
  cancel_requested: false,
  tasks: planTasks,
  result: jobResult,
  error: null,
  events_url: `/v1/prepare-jobs/${J}/events`,
};

export const instanceEntry = {
  instance_id: I,
  name: 'dev',
  image_id: RESOLVED,
  state_id: S2,
  job_id: J,
  status: 'active',
  runtime_id: 'e3f1',
  dsn: 'postgres://sqlrs:7c1d@127.0.0.1:55432/postgres',
  host: '127.0.0.1',
  port: 55432,
  database: 'postgres',
  user: 'sqlrs',
  created_at: TS,
  expires_at: TS,
  last_reset_at: null,
  reset_count: 0,
  connections: 1,
};
