import type { RunEvent } from '@sqlrs/contract';
import { toSqlrsError } from '@sqlrs/errors';
import { type Sandbox, sandboxQuery } from '@sqlrs/runtime';
import type { InstanceRecord } from '@sqlrs/store';
import { textChunkSink } from './chunk-events.js';
import type { InstanceContext } from './instance-context.js';
import { sandboxOf } from './instance-context.js';
import type { RunPlan } from './run-plan.js';

/** A prepared run's facts. */
export interface RunJob {
  instance: InstanceRecord;
  runId: string;
  plan: RunPlan;
  /** `log` events to send before `start` (e.g. the restart note). */
  notes: string[];
}

/** The application_name of a run's sessions (engine.md §8.4). */
function runAppName(runId: string): string {
  return `sqlrs-run-${runId}`;
}

/** The tool's environment: the connection only through PG* variables (engine.md §8.4). */
function runEnv(sandbox: Sandbox, instance: InstanceRecord, runId: string): Record<string, string> {
  return {
    PGHOST: '127.0.0.1',
    PGPORT: String(sandbox.endpoint.innerPort),
    PGUSER: instance.dbUser,
    PGDATABASE: instance.dbName,
    PGPASSWORD: instance.password,
    PGAPPNAME: runAppName(runId),
  };
}

async function terminateSessions(context: InstanceContext, sandbox: Sandbox, runId: string): Promise<void> {
  try {
    await sandboxQuery(sandbox, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [runAppName(runId)]);
  } catch (error) {
    context.logger.warn({ err: error, runId }, 'cannot terminate the sessions of a stopped run');
  }
}

/**
 * Streams one run (api.md §6): `log` notes, `start`, output chunks as produced, then exactly one
 * `exit` (first non-zero step, else the last) or `error` (timeout, disconnect, engine fault).
 */
export async function executeRun(context: InstanceContext, job: RunJob, sink: (e: RunEvent) => void, signal: AbortSignal): Promise<void> {
  const ts = (): string => new Date(context.now()).toISOString();
  const { plan, runId, instance } = job;
  for (const data of job.notes) sink({ type: 'log', ts: ts(), data });
  sink({ type: 'start', ts: ts(), instance_id: instance.instanceId, run_id: runId });
  const stop = new AbortController();
  let timedOut = false;
  const onDisconnect = (): void => stop.abort();
  if (signal.aborted) stop.abort();
  else signal.addEventListener('abort', onDisconnect, { once: true });
  const timer =
    plan.timeoutSeconds === null
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stop.abort();
        }, plan.timeoutSeconds * 1000);
  let sandbox: Sandbox | undefined;
  try {
    sandbox = sandboxOf(context, instance);
    const env = runEnv(sandbox, instance, runId);
    let last = { exitCode: 0, step: 0 };
    for (const [step, invocation] of plan.invocations.entries()) {
      if (stop.signal.aborted) break;
      const stepField = plan.stepped ? { step } : {};
      const out = textChunkSink((stream, data) => sink({ type: stream, ts: ts(), data, ...stepField }));
      const result = await context.runtime.runClient(
        sandbox,
        { argv: invocation.argv, env, cwd: invocation.cwd, inputDirs: invocation.inputDirs, ...(invocation.stdin === undefined ? {} : { stdin: invocation.stdin }) },
        out,
        stop.signal,
      );
      out.flush();
      last = { exitCode: result.exitCode, step };
      if (result.exitCode !== 0) break;
    }
    if (stop.signal.aborted) {
      await terminateSessions(context, sandbox, runId);
      const message = timedOut ? `run timed out after ${plan.timeoutSeconds ?? 0}s` : 'run cancelled: the client disconnected';
      sink({ type: 'error', ts: ts(), error: { code: 'cancelled', message } });
      return;
    }
    sink({ type: 'exit', ts: ts(), exit_code: last.exitCode, ...(plan.stepped ? { step: last.step } : {}) });
  } catch (error) {
    const failure = toSqlrsError(error);
    context.logger.error({ err: error, runId, instanceId: instance.instanceId }, 'run failed');
    if (sandbox !== undefined && stop.signal.aborted) await terminateSessions(context, sandbox, runId);
    sink({
      type: 'error',
      ts: ts(),
      error: { code: failure.code, message: failure.message, ...(failure.details === undefined ? {} : { details: failure.details }) },
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal.removeEventListener('abort', onDisconnect);
  }
}
