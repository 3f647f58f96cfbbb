// Streams a run (api.md §6): tool output to our stdout/stderr as it comes, then the tool's exit code.
import type { SqlrsClient } from '@sqlrs/client';
import type { RunRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { CliContext } from './cli-context.js';
import { EXIT } from './exit-codes.js';

/** A finished run. */
export interface RunOutcome {
  readonly exit_code: number;
  readonly instance_id: string | null;
  readonly run_id: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the tool. In text mode output is passed through live; in json mode it is collected for
 * the caller's document. Ctrl+C disconnects, which makes the engine stop the tool (exit 130).
 */
export async function runTool(ctx: CliContext, client: SqlrsClient, request: RunRequest): Promise<RunOutcome> {
  const abort = new AbortController();
  let interrupted = false;
  const stop = ctx.io.onInterrupt(() => {
    interrupted = true;
    abort.abort();
  });
  let stdout = '';
  let stderr = '';
  let ids: { instance_id: string | null; run_id: string | null } = { instance_id: null, run_id: null };
  const live = ctx.output === 'text';
  try {
    const stream = await client.run(request, { signal: abort.signal });
    for await (const event of stream) {
      switch (event.type) {
        case 'start':
          ids = { instance_id: event.instance_id, run_id: event.run_id };
          break;
        case 'log':
          ctx.note(`sqlrs: ${event.data}`);
          break;
        case 'stdout':
          if (live) ctx.io.stdout.write(event.data);
          else stdout += event.data;
          break;
        case 'stderr':
          if (live) ctx.io.stderr.write(event.data);
          else stderr += event.data;
          break;
        case 'exit':
          return { exit_code: event.exit_code, ...ids, stdout, stderr };
        case 'error':
          throw new SqlrsError(event.error.code, event.error.message, event.error.details === undefined ? {} : { details: event.error.details });
      }
    }
  } catch (err) {
    if (!interrupted) throw err;
  } finally {
    stop();
  }
  if (interrupted) return { exit_code: EXIT.interrupted, ...ids, stdout, stderr };
  throw new SqlrsError('unavailable', 'the engine stopped before the run finished; check "sqlrs engine status" and run again');
}
