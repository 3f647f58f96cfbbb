// Canned api.md-shaped payloads (ids stand for api.md's J, I, S1, S2 placeholders).
export const J = '9f2c4be1d2c3a4b5c6d7e8f90a1b2c3d';
export const I = '4be1d2c3a4b5c6d7e8f90a1b2c3d4e5f';
const ENGINE_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const S1 = 'a'.repeat(64);
export const S2 = 'b'.repeat(64);
const SIG = 'c'.repeat(64);
const TS = '2025-06-01T09:30:00.125Z';
const RESOLVED = 'postgres@sha256:ab12';
export const TOKEN = 'f'.repeat(64);

export const health = { ok: true, version: '0.1.0', instanceId: ENGINE_ID, pid: 4242, startedAt: TS };

export const engineInfo = {
  version: '0.1.0',
  instance_id: ENGINE_ID,
  pid: 4242,
  started_at: TS,
  store_root: '/root/.local/state/sqlrs',
  store_id: 'd'.repeat(32),
  runtime: { kind: 'docker', version: '20.10.24', network: 'host', ok: true, reason: null },
  snapshot_backend: 'btrfs',
  liquibase: { mode: 'host', version: '4.28.0', ok: true, reason: null },
};

export const shutdownAccepted = {
  status: 'shutting_down',
  drain: true,
  deadline_at: TS,
  running_jobs: 1,
  active_runs: 0,
  open_streams: 2,
};

export const openapi = {
  openapi: '3.1.0',
  info: { title: 'sqlrs engine', version: '0.1.0' },
  paths: { '/v1/health': { get: {} } },
  components: { schemas: {} },
};

export const jobAccepted = {
  job_id: J,
  status_url: `/v1/prepare-jobs/${J}`,
  events_url: `/v1/prepare-jobs/${J}/events`,
  status: 'queued',
};

const jobResult = {
  dsn: 'postgres://sqlrs:7c1d@127.0.0.1:55432/postgres',
  instance_id: I,
  state_id: S2,
  image_id: RESOLVED,
  prepare_kind: 'psql',
  prepare_args_normalized: '-X -v ON_ERROR_STOP=1 -f /w/app/schema.sql',
  name: 'dev',
  expires_at: TS,
  host: '127.0.0.1',
  port: 55432,
  database: 'postgres',
  user: 'sqlrs',
};

export const jobEntry = {
  job_id: J,
  status: 'succeeded',
  prepare_kind: 'psql',
  image_id: 'postgres:17',
  resolved_image_id: RESOLVED,
  plan_only: false,
  name: 'dev',
  prepare_args_normalized: jobResult.prepare_args_normalized,
  signature: SIG,
  created_at: TS,
  started_at: TS,
  finished_at: TS,
  instance_id: I,
  error_code: null,
};

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
  tasks: [{ task_id: 'plan', type: 'plan', status: 'succeeded', planner_kind: 'psql' }],
  result: jobResult,
  error: null,
  events_url: `/v1/prepare-jobs/${J}/events`,
};

export const taskEntry = {
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

export const jobEvents = [
  { seq: 0, type: 'status', ts: TS, status: 'queued' },
  { seq: 1, type: 'status', ts: TS, status: 'running' },
  { seq: 2, type: 'log', ts: TS, message: 'psql: INSERT 0 1' },
  { seq: 2, type: 'log', ts: TS, message: 'psql: INSERT 0 1', heartbeat: true },
  { seq: 3, type: 'status', ts: TS, status: 'succeeded' },
  { seq: 4, type: 'result', ts: TS, result: jobResult },
];

export const nameEntry = {
  name: 'dev',
  instance_id: I,
  state_id: S2,
  image_id: RESOLVED,
  state_fingerprint: S2,
  status: 'active',
  created_at: TS,
  last_used_at: TS,
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

export const stateEntry = {
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

/** The blocked recursive state delete of api.md §5.8. */
export const blockedStateDelete = {
  dry_run: false,
  outcome: 'blocked',
  root: {
    kind: 'state',
    id: S1,
    connections: null,
    runtime_id: null,
    blocked: 'blocked_by_descendant',
    children: [
      {
        kind: 'instance',
        id: I,
        connections: 2,
        runtime_id: 'e3f1',
        blocked: 'active_connections',
        children: [],
      },
    ],
  },
};

export const deletedInstance = {
  dry_run: false,
  outcome: 'deleted',
  root: { kind: 'instance', id: I, connections: 0, runtime_id: 'e3f1', blocked: null, children: [] },
};

export const runEvents = [
  { type: 'start', ts: TS, instance_id: I, run_id: '5d0c' },
  { type: 'stderr', ts: TS, data: 'ERROR:  division by zero\n' },
  { type: 'exit', ts: TS, exit_code: 1 },
];

export const cacheStatus = {
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

export const explain = {
  decision: 'miss',
  reason_code: 'no_matching_state',
  signature: SIG,
  matched_state_id: null,
  resolved_image_id: RESOLVED,
  total_steps: 2,
  cached_steps: 1,
  steps: [
    { task_id: 'execute-0', output_state_id: S1, cached: true, args_summary: '-f /w/app/schema.sql' },
    { task_id: 'execute-1', output_state_id: S2, cached: false, args_summary: '-c select 2' },
  ],
};
