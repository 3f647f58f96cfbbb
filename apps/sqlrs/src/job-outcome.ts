// Reports how a watched job ended and maps it to an exit code.
import type { CliContext } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import type { WatchOutcome } from './progress/watch-job.js';

/** Prints the failure (or detach notice) of a watched job; returns undefined on success. */
export function failedJobExit(ctx: CliContext, jobId: string, outcome: WatchOutcome): number | undefined {
  if (outcome.kind === 'detached') {
    ctx.io.stderr.write(`sqlrs: detached; job ${jobId} keeps running (sqlrs watch ${jobId})\n`);
    return EXIT.interrupted;
  }
  const { status } = outcome;
  if (status.status === 'succeeded') return undefined;
  const error = status.error;
  if (ctx.output === 'json') ctx.json(status);
  else {
    ctx.io.stderr.write(`sqlrs: job ${jobId} failed: ${error?.message ?? 'unknown error'} (${error?.code ?? 'unknown'})\n`);
    if (error?.details !== undefined) ctx.io.stderr.write(`${error.details.trimEnd()}\n`);
  }
  return error?.code === 'cancelled' ? EXIT.interrupted : EXIT.jobFailed;
}
