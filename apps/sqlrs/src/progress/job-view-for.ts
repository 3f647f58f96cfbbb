// Picks the progress view: none for json, a live view on a TTY, plain lines otherwise.
import type { CliContext } from '../cli-context.js';
import type { JobView } from './job-view.js';
import { SILENT_VIEW } from './job-view.js';
import { LiveView } from './live-view.js';
import { PlainView } from './plain-view.js';

/** The view for a job watched by this invocation. */
export function jobViewFor(ctx: CliContext, jobId: string): JobView {
  if (ctx.output === 'json' || ctx.io.env['SQLRS_QUIET'] === '1') return SILENT_VIEW;
  if (ctx.io.stderr.isTTY) return new LiveView(ctx.io.stderr, `job ${jobId.slice(0, 12)}`);
  return new PlainView((text) => ctx.io.stderr.write(text));
}
