import type { RunEvent, RunRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { isRandomId, toHex } from '@sqlrs/id';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceContext } from './instance-context.js';
import { restartInstance } from './restart-instance.js';
import { executeRun } from './run-execution.js';
import { planRun } from './run-plan.js';

/** At most this many runs at once (engine.md §8.4). */
export const MAX_ACTIVE_RUNS = 8;

/** A validated run bound to its instance, ready to stream. */
export interface PreparedRun {
  /**
   * Streams RunEvents (start, stdout/stderr chunks as produced, exactly one terminal exit|error).
   * Aborting the signal (client disconnect) stops the tool. Never throws after the first event.
   */
  execute(sink: (e: RunEvent) => void, signal: AbortSignal): Promise<void>;
}

/** `POST /v1/runs` (api.md §6). */
export interface RunService {
  /**
   * Validates (api.md §6 errors: 400/404/409/429/503, thrown as SqlrsError BEFORE any event) and
   * resolves the instance (id or name, no redirect; restarts a `stopped` one); returns a started run.
   */
  prepare(request: RunRequest): Promise<PreparedRun>;
  /** Runs holding a slot (prepared and not yet finished). */
  active(): number;
}

/** Resolves `instance_ref` as api.md §5.3 does, without the redirect: an existing id, else a bound name. */
function resolveInstanceRef(context: InstanceContext, ref: string): InstanceRecord {
  if (isRandomId(ref)) {
    const byId = context.store.getInstance(ref.toLowerCase());
    if (byId !== undefined) return byId;
  }
  const name = context.store.getName(ref);
  if (name?.instanceId !== null && name?.instanceId !== undefined) {
    const bound = context.store.getInstance(name.instanceId);
    if (bound !== undefined) {
      context.store.touchName(ref, context.now());
      return bound;
    }
  }
  throw new SqlrsError('not_found', 'instance not found');
}

/** The run half of the instance service: admission, instance resolution and restart, then streaming. */
export function createRunService(context: InstanceContext): RunService {
  let slots = 0;
  return {
    active: () => slots,
    async prepare(request) {
      const plan = await planRun(request);
      let instance = resolveInstanceRef(context, request.instance_ref);
      if (instance.status === 'expired' || instance.status === 'failed') {
        throw new SqlrsError('conflict', `instance ${instance.instanceId} is ${instance.status}; reset or delete it, or prepare a new one`);
      }
      if (slots >= MAX_ACTIVE_RUNS) {
        throw new SqlrsError('too_many_requests', `${MAX_ACTIVE_RUNS} runs are already active; retry when one finished`);
      }
      slots += 1;
      const notes: string[] = [];
      try {
        if (instance.status === 'stopped') {
          notes.push('instance stopped; restarting');
          instance = await restartInstance(context, instance.instanceId);
        }
      } catch (error) {
        slots -= 1;
        throw error;
      }
      const runId = toHex(context.randomBytes(16));
      const bound = instance;
      let executed = false;
      return {
        async execute(sink, signal) {
          if (executed) throw new SqlrsError('internal_error', 'a prepared run executes once');
          executed = true;
          const id = bound.instanceId;
          context.liveRuns.set(id, (context.liveRuns.get(id) ?? 0) + 1);
          try {
            await executeRun(context, { instance: bound, runId, plan, notes }, sink, signal);
          } finally {
            const left = (context.liveRuns.get(id) ?? 1) - 1;
            if (left === 0) context.liveRuns.delete(id);
            else context.liveRuns.set(id, left);
            slots -= 1;
          }
        },
      };
    },
  };
}
