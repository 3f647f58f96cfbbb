// Drizzle schema of state.db (engine.md §5.3); drizzle-kit generates the SQL migrations from it.
import type { ErrorCode } from '@sqlrs/errors';
import type { AuditAction, AuditObjectKind } from '@sqlrs/store';
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  customType,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * A nullable boolean kept as INTEGER 0/1. Drizzle's own boolean mode turns a null bound through a
 * prepared statement's placeholder into 0; this one keeps it null.
 */
const nullableBoolean = customType<{ data: boolean; driverData: number | null }>({
  dataType: () => 'integer',
  toDriver: (value: boolean | null) => (value === null ? null : value ? 1 : 0),
  fromDriver: (value) => value === 1,
});

/** Store-wide facts: `store_id`, `layout_version`, `created_at`, `created_by_version`. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** PostgreSQL distributions (docker images or host binaries) chains start from. */
export const images = sqliteTable('images', {
  imageKey: text('image_key').primaryKey(),
  runtimeKind: text('runtime_kind', { enum: ['docker', 'process'] }).notNull(),
  displayRef: text('display_ref').notNull(),
  repoDigest: text('repo_digest'),
  platform: text('platform').notNull(),
  pgMajor: integer('pg_major').notNull(),
  pgVersion: text('pg_version').notNull(),
  runUid: integer('run_uid'),
  runGid: integer('run_gid'),
  locales: text('locales'),
  firstSeenAt: integer('first_seen_at').notNull(),
  lastUsedAt: integer('last_used_at').notNull(),
});

/** Empty clusters made by initdb from one image under one init spec. */
export const bases = sqliteTable(
  'bases',
  {
    baseId: text('base_id').primaryKey(),
    imageKey: text('image_key')
      .notNull()
      .references(() => images.imageKey),
    initSpecHash: text('init_spec_hash').notNull(),
    initSpecJson: text('init_spec_json').notNull(),
    relPath: text('rel_path').notNull(),
    status: text('status', { enum: ['building', 'ready', 'failed'] }).notNull(),
    sizeAllocatedBytes: integer('size_allocated_bytes'),
    createdAt: integer('created_at').notNull(),
    readyAt: integer('ready_at'),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [
    uniqueIndex('bases_rel_path_unique').on(t.relPath),
    uniqueIndex('bases_image_key_init_spec_hash_unique').on(t.imageKey, t.initSpecHash),
    check('bases_status_check', sql`${t.status} IN ('building', 'ready', 'failed')`),
  ],
);

/** Prepare jobs, persisted from submission (engine.md §4.4). */
export const prepareJobs = sqliteTable(
  'prepare_jobs',
  {
    jobId: text('job_id').primaryKey(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    prepareKind: text('prepare_kind', { enum: ['psql', 'lb'] }).notNull(),
    planOnly: integer('plan_only', { mode: 'boolean' }).notNull().default(false),
    imageRef: text('image_ref').notNull(),
    imageKey: text('image_key'),
    resolvedImageId: text('resolved_image_id'),
    name: text('name'),
    ttlSeconds: integer('ttl_seconds'),
    requestJson: text('request_json').notNull(),
    prepareArgsNormalized: text('prepare_args_normalized').notNull(),
    signature: text('signature'),
    finalStateId: text('final_state_id'),
    instanceId: text('instance_id'),
    resultJson: text('result_json'),
    errorCode: text('error_code').$type<ErrorCode>(),
    errorJson: text('error_json'),
    deadlineAt: integer('deadline_at'),
    cancelRequestedAt: integer('cancel_requested_at'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('prepare_jobs_status_idx').on(t.status),
    index('prepare_jobs_signature_finished_at_idx').on(t.signature, t.finishedAt),
    index('prepare_jobs_finished_at_idx').on(t.finishedAt),
    check('prepare_jobs_status_check', sql`${t.status} IN ('queued', 'running', 'succeeded', 'failed')`),
  ],
);

/** Immutable content-addressed PGDATA snapshots and their lineage (engine.md §4.1). */
export const states = sqliteTable(
  'states',
  {
    stateId: text('state_id').primaryKey(),
    baseId: text('base_id')
      .notNull()
      .references(() => bases.baseId, { onDelete: 'restrict' }),
    parentStateId: text('parent_state_id').references((): AnySQLiteColumn => states.stateId, {
      onDelete: 'restrict',
    }),
    inputKind: text('input_kind', { enum: ['image', 'state'] }).notNull(),
    inputId: text('input_id').notNull(),
    taskHash: text('task_hash').notNull(),
    prepareKind: text('prepare_kind', { enum: ['psql', 'lb'] }).notNull(),
    depth: integer('depth').notNull(),
    argsSummary: text('args_summary').notNull(),
    prepareArgsNormalized: text('prepare_args_normalized').notNull(),
    stepJson: text('step_json'),
    status: text('status', { enum: ['building', 'ready', 'failed', 'missing'] }).notNull(),
    buildJobId: text('build_job_id').references(() => prepareJobs.jobId, { onDelete: 'set null' }),
    errorJson: text('error_json'),
    relPath: text('rel_path').notNull(),
    snapshotter: text('snapshotter').notNull(),
    createdAt: integer('created_at').notNull(),
    readyAt: integer('ready_at'),
    lastUsedAt: integer('last_used_at'),
    useCount: integer('use_count').notNull().default(0),
    sizeApparentBytes: integer('size_apparent_bytes'),
    sizeAllocatedBytes: integer('size_allocated_bytes'),
    sizeExclusiveBytes: integer('size_exclusive_bytes'),
    sizeMeasuredAt: integer('size_measured_at'),
    minRetentionUntil: integer('min_retention_until'),
  },
  (t) => [
    uniqueIndex('states_rel_path_unique').on(t.relPath),
    index('states_parent_state_id_idx').on(t.parentStateId),
    index('states_base_id_idx').on(t.baseId),
    index('states_status_last_used_at_idx').on(t.status, t.lastUsedAt),
    index('states_build_job_id_idx').on(t.buildJobId),
    check('states_state_id_length_check', sql`length(${t.stateId}) = 64`),
    check('states_input_kind_check', sql`${t.inputKind} IN ('image', 'state')`),
    check('states_prepare_kind_check', sql`${t.prepareKind} IN ('psql', 'lb')`),
    check('states_status_check', sql`${t.status} IN ('building', 'ready', 'failed', 'missing')`),
  ],
);

/** Writable clones of states, running or as tombstones (engine.md §4.2). */
export const instances = sqliteTable(
  'instances',
  {
    instanceId: text('instance_id').primaryKey(),
    stateId: text('state_id').notNull(),
    imageKey: text('image_key').notNull(),
    jobId: text('job_id').references(() => prepareJobs.jobId, { onDelete: 'set null' }),
    runtimeKind: text('runtime_kind', { enum: ['docker', 'process'] }).notNull(),
    runtimeId: text('runtime_id'),
    relDir: text('rel_dir').notNull(),
    socketDir: text('socket_dir').notNull(),
    host: text('host').notNull(),
    port: integer('port'),
    dbUser: text('db_user').notNull(),
    dbName: text('db_name').notNull(),
    password: text('password').notNull(),
    status: text('status', { enum: ['active', 'stopped', 'expired', 'failed'] }).notNull(),
    statusReason: text('status_reason'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    stoppedAt: integer('stopped_at'),
    expiresAt: integer('expires_at'),
    lastResetAt: integer('last_reset_at'),
    resetCount: integer('reset_count').notNull().default(0),
    lastConnections: integer('last_connections'),
    connectionsAt: integer('connections_at'),
    lastActivityAt: integer('last_activity_at'),
  },
  (t) => [
    uniqueIndex('instances_rel_dir_unique').on(t.relDir),
    index('instances_state_id_idx').on(t.stateId),
    index('instances_status_idx').on(t.status),
    index('instances_expires_at_idx').on(t.expiresAt),
    uniqueIndex('instances_active_port_unique')
      .on(t.port)
      .where(sql`${t.status} = 'active' AND ${t.port} IS NOT NULL`),
    check('instances_instance_id_length_check', sql`length(${t.instanceId}) = 32`),
    check('instances_status_check', sql`${t.status} IN ('active', 'stopped', 'expired', 'failed')`),
  ],
);

/** User-chosen handles: a reservation by a job, then a binding to one instance (engine.md §4.3). */
export const names = sqliteTable(
  'names',
  {
    name: text('name').primaryKey(),
    instanceId: text('instance_id').references(() => instances.instanceId, { onDelete: 'cascade' }),
    stateId: text('state_id').references(() => states.stateId, { onDelete: 'restrict' }),
    reservedJobId: text('reserved_job_id').references(() => prepareJobs.jobId, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [
    uniqueIndex('names_instance_id_unique')
      .on(t.instanceId)
      .where(sql`${t.instanceId} IS NOT NULL`),
    index('names_state_id_idx').on(t.stateId),
  ],
);

/** The ordered plan of each job (api.md §4.11). */
export const prepareTasks = sqliteTable(
  'prepare_tasks',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => prepareJobs.jobId, { onDelete: 'cascade' }),
    taskId: text('task_id').notNull(),
    position: integer('position').notNull(),
    type: text('type', { enum: ['plan', 'resolve_image', 'state_execute', 'prepare_instance'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    inputKind: text('input_kind', { enum: ['image', 'state'] }),
    inputId: text('input_id'),
    taskHash: text('task_hash'),
    outputStateId: text('output_state_id'),
    cached: nullableBoolean('cached'),
    argsSummary: text('args_summary'),
    stepJson: text('step_json'),
    instanceId: text('instance_id'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    errorJson: text('error_json'),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.taskId] }),
    uniqueIndex('prepare_tasks_job_id_position_unique').on(t.jobId, t.position),
    index('prepare_tasks_output_state_id_idx').on(t.outputStateId),
  ],
);

/** Persisted job progress events with a per-job contiguous seq (engine.md §4.4). */
export const prepareEvents = sqliteTable(
  'prepare_events',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => prepareJobs.jobId, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    ts: integer('ts').notNull(),
    type: text('type', { enum: ['status', 'task', 'log', 'result', 'error'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }),
    taskId: text('task_id'),
    message: text('message'),
    resultJson: text('result_json'),
    errorJson: text('error_json'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/** Audit trail of changes, written in the transaction of the change (engine.md §14). */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ts: integer('ts').notNull(),
    actor: text('actor', { enum: ['api', 'engine'] }).notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    objectKind: text('object_kind').$type<AuditObjectKind>().notNull(),
    objectId: text('object_id').notNull(),
    jobId: text('job_id'),
    detailsJson: text('details_json'),
  },
  (t) => [
    index('audit_events_ts_idx').on(t.ts),
    index('audit_events_object_idx').on(t.objectKind, t.objectId),
    check('audit_events_actor_check', sql`${t.actor} IN ('api', 'engine')`),
  ],
);

/** Content hashes of input files keyed by path and stat identity. */
export const fileHashMemo = sqliteTable('file_hash_memo', {
  path: text('path').primaryKey(),
  dev: integer('dev').notNull(),
  ino: integer('ino').notNull(),
  size: integer('size').notNull(),
  mtimeNs: text('mtime_ns').notNull(),
  ctimeNs: text('ctime_ns').notNull(),
  sha256: text('sha256').notNull(),
  hashedAt: integer('hashed_at').notNull(),
});

/** Memoised Liquibase plans (engine.md §2.5). */
export const lbPlanMemo = sqliteTable('lb_plan_memo', {
  memoKey: text('memo_key').primaryKey(),
  planJson: text('plan_json').notNull(),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at').notNull(),
});
