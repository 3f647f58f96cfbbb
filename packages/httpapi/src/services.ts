// The services behind the jobs, events, tasks, explain and runs routes: the composition root passes
// prepare's job manager and the instance service; tests pass fakes of these interfaces.
export type { JobEventFeed, PrepareService } from '@sqlrs/prepare';
export type { PreparedRun, RunService } from '@sqlrs/instances';
export type { DeletionService } from '@sqlrs/deletion';
import type { InstanceService } from '@sqlrs/instances';

/** What the instance routes need of the instance service: reset and live connection counts. */
export type InstanceLifecycle = Pick<InstanceService, 'reset' | 'conntrack'>;
