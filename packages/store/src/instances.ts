import type { NewAuditEvent } from './audit.js';
import type { InstanceFilter } from './filters.js';
import type { RuntimeKind } from './images.js';

/** Lifecycle of an instance (engine.md §4.2). */
export type InstanceStatus = 'active' | 'stopped' | 'expired' | 'failed';

/** A writable clone of a state (table `instances`) with its bound name and resolved image. */
export interface InstanceRecord {
  instanceId: string;
  stateId: string;
  imageKey: string;
  /** The producing job; null once that job is deleted. */
  jobId: string | null;
  runtimeKind: RuntimeKind;
  runtimeId: string | null;
  relDir: string;
  socketDir: string;
  host: string;
  port: number | null;
  dbUser: string;
  dbName: string;
  password: string;
  status: InstanceStatus;
  statusReason: string | null;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
  expiresAt: number | null;
  lastResetAt: number | null;
  resetCount: number;
  lastConnections: number | null;
  connectionsAt: number | null;
  lastActivityAt: number | null;
  /** The name bound to this instance, if any. */
  name: string | null;
  /** The resolved image reference the API shows as `image_id` (the key when the image is unknown). */
  imageId: string;
}

/** The facts known when an instance is published (runtime ready, password set). */
export type NewInstance = Omit<
  InstanceRecord,
  'name' | 'imageId' | 'lastResetAt' | 'resetCount' | 'lastConnections' | 'connectionsAt' | 'lastActivityAt'
>;

/** Fields of an instance that change over its life. */
export type InstancePatch = Partial<
  Pick<
    InstanceRecord,
    | 'runtimeId'
    | 'socketDir'
    | 'host'
    | 'port'
    | 'status'
    | 'statusReason'
    | 'startedAt'
    | 'stoppedAt'
    | 'expiresAt'
    | 'lastResetAt'
    | 'resetCount'
    | 'lastConnections'
    | 'connectionsAt'
    | 'lastActivityAt'
  >
>;

/** Persistence of instances. */
export interface InstanceStore {
  /** Inserts an instance with its audit rows (`instance.created`); `conflict` on a taken id or active port. */
  insertInstance(instance: NewInstance, audit?: readonly NewAuditEvent[]): InstanceRecord;
  /**
   * Updates an instance with its audit rows (`instance.reset`, `.stopped`, `.restarted`,
   * `.expired`). Turning it `expired` also unbinds its name in the same transaction.
   */
  updateInstance(instanceId: string, patch: InstancePatch, audit?: readonly NewAuditEvent[]): InstanceRecord;
  /** The instance with this id, or undefined. */
  getInstance(instanceId: string): InstanceRecord | undefined;
  /** Instances by `createdAt`, then id, expired tombstones included unless filtered out. */
  listInstances(filter?: InstanceFilter): InstanceRecord[];
  /** Deletes instances and their names with the audit rows, in one transaction; `not_found` for an unknown id. */
  deleteInstances(instanceIds: readonly string[], audit?: readonly NewAuditEvent[]): void;
}
