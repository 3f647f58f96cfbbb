import type { NewAuditEvent } from './audit.js';
import type { StateFilter } from './filters.js';

/** Which prepare mode built a state or runs a job. */
export type PrepareKind = 'psql' | 'lb';

/** What a step starts from: the base of an image, or a parent state. */
export type StepInputKind = 'image' | 'state';

/** Lifecycle of a state (engine.md §4.1). */
export type StateStatus = 'building' | 'ready' | 'failed' | 'missing';

/** An immutable PGDATA snapshot (table `states`) with the facts the API derives from joins. */
export interface StateRecord {
  stateId: string;
  baseId: string;
  parentStateId: string | null;
  inputKind: StepInputKind;
  /** The image key for step 0, else the parent state id. */
  inputId: string;
  taskHash: string;
  prepareKind: PrepareKind;
  depth: number;
  argsSummary: string;
  prepareArgsNormalized: string;
  stepJson: string | null;
  status: StateStatus;
  buildJobId: string | null;
  errorJson: string | null;
  relPath: string;
  snapshotter: string;
  createdAt: number;
  readyAt: number | null;
  lastUsedAt: number | null;
  useCount: number;
  sizeApparentBytes: number | null;
  sizeAllocatedBytes: number | null;
  sizeExclusiveBytes: number | null;
  sizeMeasuredAt: number | null;
  minRetentionUntil: number | null;
  /** The base's image key. */
  imageKey: string;
  /** The resolved image reference the API shows as `image_id`. */
  imageId: string;
  /** Non-expired instances cloned from this state. */
  refcount: number;
}

/** The facts known when a build starts; the row is written `building`. */
export type NewState = Pick<
  StateRecord,
  | 'stateId'
  | 'baseId'
  | 'parentStateId'
  | 'inputKind'
  | 'inputId'
  | 'taskHash'
  | 'prepareKind'
  | 'depth'
  | 'argsSummary'
  | 'prepareArgsNormalized'
  | 'stepJson'
  | 'buildJobId'
  | 'relPath'
  | 'snapshotter'
  | 'createdAt'
>;

/** The facts known when a state's directory is in place. */
export interface StateReady {
  readyAt: number;
  sizeApparentBytes: number | null;
  sizeAllocatedBytes: number | null;
  minRetentionUntil: number | null;
}

/** A background size measurement (btrfs exclusive bytes, st_blocks × 512). */
export interface StateSizes {
  sizeExclusiveBytes: number | null;
  sizeAllocatedBytes: number | null;
  sizeMeasuredAt: number;
}

/** Persistence of states. */
export interface StateStore {
  /**
   * Writes a `building` row. A `failed` or `missing` row of the same id is reused (its use
   * statistics and `createdAt` kept); a `building` or `ready` one is a `conflict`.
   */
  insertState(state: NewState): StateRecord;
  /** Flips a `building` state to `ready` together with its audit rows (`state.created`). */
  markStateReady(stateId: string, ready: StateReady, audit?: readonly NewAuditEvent[]): StateRecord;
  /** Flips a `building` state to `failed`, keeping the error for diagnostics. */
  markStateFailed(stateId: string, errorJson: string): StateRecord;
  /** Marks a `ready` state whose data is gone but whose children remain as `missing`. */
  markStateMissing(stateId: string, audit?: readonly NewAuditEvent[]): StateRecord;
  /** Records a size measurement. */
  setStateSizes(stateId: string, sizes: StateSizes): StateRecord;
  /** Records one use of each state: `lastUsedAt = at`, `useCount + 1`; unknown ids are skipped. */
  touchStates(stateIds: readonly string[], at: number): void;
  /** The state with this id in any status, or undefined. */
  getState(stateId: string): StateRecord | undefined;
  /** States by `createdAt`, then id; one query whatever the count. */
  listStates(filter?: StateFilter): StateRecord[];
  /**
   * Deletes states, their expired instance tombstones and writes the audit rows, in one
   * transaction; children first. `conflict` when a state still has a non-expired instance or a
   * child state outside the set, `not_found` for an unknown id.
   */
  deleteStates(stateIds: readonly string[], audit?: readonly NewAuditEvent[]): void;
}
