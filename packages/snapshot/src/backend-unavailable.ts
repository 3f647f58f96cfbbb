import { SqlrsError } from '@sqlrs/errors';
import type { SnapshotterKind } from './snapshotter.js';

/** Facts behind an unusable backend: what is wrong and what the user can do about it. */
export interface UnavailableFacts {
  backend: SnapshotterKind;
  root: string;
  reason: string;
  fix: string;
  /** Raw tool or system output. */
  details?: string;
  cause?: unknown;
}

/** The `unavailable` error a failed `validateRoot` throws: message = reason + fix, facts in `data`. */
export function backendUnavailable(facts: UnavailableFacts): SqlrsError {
  const { backend, root, reason, fix } = facts;
  return new SqlrsError('unavailable', `snapshot backend ${backend}: ${reason}; ${fix}`, {
    details: facts.details,
    data: { backend, root, reason, fix },
    cause: facts.cause,
  });
}
