import type { NewAuditEvent } from './audit.js';
import type { NameFilter } from './filters.js';

/** A name row (table `names`): a job's reservation, a binding to one instance, or both. */
export interface NameRecord {
  name: string;
  /** The bound instance; null while only reserved. */
  instanceId: string | null;
  /** The bound instance's state; null while only reserved. */
  stateId: string | null;
  /** The job holding the reservation; cleared when it ends. */
  reservedJobId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** The bound instance's resolved image reference; null while only reserved. */
  imageId: string | null;
}

/** How a job reserves a name at submit (engine.md §4.3). */
export interface NameReservation {
  jobId: string;
  /** Allow moving a name bound to another instance when the job succeeds. */
  rebind: boolean;
  at: number;
}

/** The binding a successful job publishes. */
export interface NameBinding {
  instanceId: string;
  at: number;
}

/** Persistence of names. */
export interface NameStore {
  /**
   * Reserves a name for a job. `conflict` when it is bound to a non-expired instance and
   * `rebind` is false, or reserved by another job that has not finished.
   */
  reserveName(name: string, reservation: NameReservation): NameRecord;
  /**
   * Binds a name to an instance (and its state) and clears the reservation, with audit rows
   * (`name.bound`); `conflict` when the instance already has another name.
   */
  bindName(name: string, binding: NameBinding, audit?: readonly NewAuditEvent[]): NameRecord;
  /** Drops a job's reservation; the row goes too unless it is bound. */
  releaseNameReservation(name: string, jobId: string): void;
  /** Removes a name's binding with audit rows (`name.removed`); a reservation on it survives. */
  unbindName(name: string, audit?: readonly NewAuditEvent[]): void;
  /** Records a resolve of the name: `lastUsedAt = at`. */
  touchName(name: string, at: number): void;
  /** The name row, reserved-only rows included, or undefined. */
  getName(name: string): NameRecord | undefined;
  /** Bound names by `createdAt`, then name. */
  listNames(filter?: NameFilter): NameRecord[];
}
