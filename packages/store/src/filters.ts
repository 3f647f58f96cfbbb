import type { AuditAction, AuditObjectKind } from './audit.js';
import type { InstanceStatus } from './instances.js';
import type { JobStatus } from './jobs.js';
import type { PrepareKind, StateStatus } from './states.js';

// Filter values arrive validated and lowercased (@sqlrs/id); absent fields do not filter.

/** `GET /v1/states?id_prefix=&kind=&image=` plus the statuses a caller wants. */
export interface StateFilter {
  /** Lowercase hex prefix of `state_id`. */
  idPrefix?: string;
  kind?: PrepareKind;
  /** Matches the resolved image reference (`image_id`) or the image key. */
  image?: string;
  /** Only these statuses (the API leaves out `failed`). */
  statuses?: readonly StateStatus[];
}

/** `GET /v1/instances?id_prefix=&state=&image=` plus the statuses a caller wants. */
export interface InstanceFilter {
  /** Lowercase hex prefix of `instance_id`. */
  idPrefix?: string;
  /** Exact state id the instance was cloned from. */
  state?: string;
  /** Matches the resolved image reference (`image_id`) or the image key. */
  image?: string;
  statuses?: readonly InstanceStatus[];
}

/** `GET /v1/names?instance=&state=&image=`; lists bound names only. */
export interface NameFilter {
  instance?: string;
  state?: string;
  /** Matches the bound instance's resolved image reference or image key. */
  image?: string;
}

/** `GET /v1/prepare-jobs?job=&id_prefix=` plus what retention and recovery need. */
export interface JobFilter {
  /** The `job=` filter: a 1..32 hex prefix. */
  jobPrefix?: string;
  /** The `id_prefix=` filter: an 8..32 hex prefix. */
  idPrefix?: string;
  statuses?: readonly JobStatus[];
  signature?: string;
}

/** `GET /v1/tasks?job=`. */
export interface TaskFilter {
  jobId?: string;
}

/** Which audit rows to list. */
export interface AuditFilter {
  action?: AuditAction;
  objectKind?: AuditObjectKind;
  objectId?: string;
}
