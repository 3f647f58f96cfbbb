// api.md-shaped answers for the fake engine.
export const J = '9f2c4be1d2c3a4b5c6d7e8f90a1b2c3d';
export const I = '4be1d2c3a4b5c6d7e8f90a1b2c3d4e5f';
export const S1 = 'a'.repeat(64);
const TS = '2026-06-01T09:30:00.125Z';
const DSN = 'postgres://sqlrs:secret@127.0.0.1:55432/postgres';

export const jobAccepted = { job_id: J, status_url: `/v1/prepare-jobs/${J}`, events_url: `/v1/prepare-jobs/${J}/events`, status: 'queued' };

const result = {
  dsn: DSN,
  instance_id: I,
  state_id: S1,
  image_id: 'img@sha256:ab',
  prepare_kind: 'psql',
  prepare_args_normalized: '-X -v ON_ERROR_STOP=1 -f /work/app/schema.sql',
  name: null,
  expires_at: null,
  host: '127.0.0.1',
  port: 55432,
  database: 'postgres',
  user: 'sqlrs',
};

const tasks = [
  { task_id: 'plan', type: 'plan', status: 'succeeded', planner_kind: 'psql' },
  {
    task_id: 'execute-0',
    type: 'state_execute',
    status: 'succeeded',
    input: { kind: 'image', id: 'img@sha256:ab' },
    task_hash: 'd'.repeat(64),
    output_state_id: S1,
    cached: true,
    args_summary: '-f /work/app/schema.sql',
    changeset_id: null,
    changeset_author: null,
    changeset_path: null,
  },
  { task_id: 'prepare-instance', type: 'prepare_instance', status: 'succeeded', input: { kind: 'state', id: S1 }, instance_mode: 'ephemeral', instance_id: I },
];

/** A finished job; `failed` gives it an error instead of a result. */
export function jobStatus(outcome: 'succeeded' | 'failed' | 'running', error?: { code: string; message: string; details?: string }) {
  return {
    job_id: J,
    status: outcome,
    prepare_kind: 'psql',
    image_id: 'img',
    resolved_image_id: 'img@sha256:ab',
    plan_only: false,
    name: null,
    ttl_seconds: null,
    prepare_args_normalized: result.prepare_args_normalized,
    signature: 'c'.repeat(64),
    created_at: TS,
    started_at: TS,
    finished_at: outcome === 'running' ? null : TS,
    cancel_requested: false,
    tasks,
    result: outcome === 'succeeded' ? result : null,
    error: outcome === 'failed' ? (error ?? null) : null,
    events_url: `/v1/prepare-jobs/${J}/events`,
  };
}

/** The events of a job that succeeds with execute-0 served from the cache. */
export const successEvents = [
  { seq: 0, type: 'status', ts: TS, status: 'queued' },
  { seq: 1, type: 'status', ts: TS, status: 'running' },
  { seq: 2, type: 'task', ts: TS, task_id: 'plan', status: 'running' },
  { seq: 3, type: 'task', ts: TS, task_id: 'plan', status: 'succeeded' },
  { seq: 4, type: 'task', ts: TS, task_id: 'execute-0', status: 'succeeded' },
  { seq: 5, type: 'task', ts: TS, task_id: 'prepare-instance', status: 'running' },
  { seq: 6, type: 'task', ts: TS, task_id: 'prepare-instance', status: 'succeeded' },
  { seq: 7, type: 'status', ts: TS, status: 'succeeded' },
  { seq: 8, type: 'result', ts: TS, result },
];

export const instanceEntry = {
  instance_id: I,
  name: 'dev',
  image_id: 'img@sha256:ab',
  state_id: S1,
  job_id: J,
  status: 'active',
  runtime_id: 'e3f1',
  dsn: DSN,
  host: '127.0.0.1',
  port: 55432,
  database: 'postgres',
  user: 'sqlrs',
  created_at: TS,
  expires_at: null,
  last_reset_at: null,
  reset_count: 0,
  connections: 1,
};

export const nameEntry = { name: 'dev', instance_id: I, state_id: S1, image_id: 'img@sha256:ab', state_fingerprint: S1, status: 'active', created_at: TS, last_used_at: TS };

export const blockedInstanceDelete = {
  dry_run: false,
  outcome: 'blocked',
  root: { kind: 'instance', id: I, connections: 1, runtime_id: 'e3f1', blocked: 'active_connections', children: [] },
};

export const TIMESTAMP = TS;
