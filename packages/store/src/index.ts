// Domain records, store interfaces, list filters and audit rows of sqlrs persistence (no I/O).
export { AUDIT_ACTIONS, auditObjectKind } from './audit.js';
export type {
  AuditAction,
  AuditActor,
  AuditEventRecord,
  AuditObjectKind,
  AuditRetention,
  AuditStore,
  NewAuditEvent,
} from './audit.js';
export type { BaseRecord, BaseStatus, BaseStore } from './bases.js';
export type { AuditFilter, InstanceFilter, JobFilter, NameFilter, StateFilter, TaskFilter } from './filters.js';
export type { ImageRecord, ImageStore, RuntimeKind } from './images.js';
export type { InstancePatch, InstanceRecord, InstanceStatus, InstanceStore, NewInstance } from './instances.js';
export type { JobEventRange, JobEventRecord, JobEventStore, JobEventType, NewJobEvent } from './job-events.js';
export { newJobRecord } from './jobs.js';
export type { JobPatch, JobRecord, JobStatus, JobStore, NewJob } from './jobs.js';
export type { FileHashMemo, LbPlanMemo, MemoStore } from './memos.js';
export { STORE_LAYOUT_VERSION } from './meta.js';
export type { MetaStore, StoreMeta } from './meta.js';
export type { NameBinding, NameRecord, NameReservation, NameStore } from './names.js';
export type {
  NewState,
  PrepareKind,
  StateReady,
  StateRecord,
  StateSizes,
  StateStatus,
  StateStore,
  StepInputKind,
} from './states.js';
export { storeErrors } from './store-errors.js';
export type { StoreObjectKind } from './store-errors.js';
export type { Store } from './store.js';
export type { NewTask, TaskPatch, TaskRecord, TaskStatus, TaskStore, TaskType } from './tasks.js';
