import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { ErrorResponse, PrepareJobEvent } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { parseRandomId } from '@sqlrs/id';
import { parseEventRange, resolveEventRange } from '@sqlrs/stream';
import type { Logger } from '@sqlrs/telemetry';
import { sendError } from '../error-response.js';
import { EventBuffer } from '../event-buffer.js';
import { writeJobEvents } from '../job-event-stream.js';
import { available } from '../not-implemented.js';
import type { ActivityTracker } from '../request-context.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import type { PrepareService } from '../services.js';
import type { StreamSlots } from '../stream-slots.js';
import { NDJSON, NDJSON_HEADERS, notFound } from './common.js';

const TEMPLATE = '/v1/prepare-jobs/{job_id}';

/** What the events route needs besides the prepare service. */
export interface JobEventsOptions {
  prepare?: PrepareService;
  slots: StreamSlots;
  heartbeatMs: () => number;
  now: () => number;
  logger: Pick<Logger, 'error'>;
  activity?: ActivityTracker;
}

/** The 404 of an unknown (or malformed) job id. */
export function jobNotFound(): SqlrsError {
  return new SqlrsError('not_found', 'job not found');
}

/** The exact job id of the `job_id` path parameter in any case; else 404 `job not found`. */
export function jobIdParam(c: Context): string {
  const id = parseRandomId(c.req.param('job_id') ?? '');
  if (id === undefined) throw jobNotFound();
  return id;
}

/** `GET /v1/prepare-jobs/{job_id}/events`: replay and follow as NDJSON with `Range: events=` (api.md §4.9). */
export function jobEventsRoute(o: JobEventsOptions): RouteSpec {
  return route({
    method: 'GET',
    path: '/v1/prepare-jobs/:job_id/events',
    operationId: 'streamPrepareJobEvents',
    summary: 'Replay and follow the events of a job (NDJSON, Range: events=N-M).',
    responses: {
      200: { description: 'events', schema: PrepareJobEvent, contentType: NDJSON },
      206: { description: 'a range of events', schema: PrepareJobEvent, contentType: NDJSON },
      404: notFound,
      416: { description: 'range not satisfiable', schema: ErrorResponse },
      429: { description: 'too many open event streams', schema: ErrorResponse },
    },
    handler: (c) => serveJobEvents(c, o),
  });
}

/**
 * Subscribes before reading, so nothing appended in between is lost; decides 200/206/416 from the
 * read; takes a stream slot (429 when full); then streams until the job ends or the client leaves.
 */
function serveJobEvents(c: Context, o: JobEventsOptions): Response {
  const prepare = available(o.prepare, 'GET', `${TEMPLATE}/events`);
  const jobId = jobIdParam(c);
  if (prepare.getJob(jobId) === undefined) throw jobNotFound();
  const range = parseEventRange(c.req.header('range'));
  const start = range.kind === 'range' ? range.start : 0;
  const feed = prepare.events;
  const live = new EventBuffer();
  const unsubscribe = feed.subscribe(jobId, (e) => live.push(e), () => live.end());
  let streaming = false;
  try {
    const snapshot = feed.read(jobId, Math.max(0, start - 1));
    if (snapshot === undefined) throw jobNotFound();
    const resolution = resolveEventRange(range, { total: snapshot.total, live: !snapshot.terminal });
    if (resolution.kind === 'unsatisfiable') {
      return sendError(c, new SqlrsError('range_not_satisfiable', resolution.message), { 'Content-Range': resolution.contentRange });
    }
    const headers: Record<string, string> = { ...NDJSON_HEADERS, 'Accept-Ranges': 'events' };
    if (resolution.kind === 'partial') headers['Content-Range'] = resolution.contentRange;
    const status = resolution.kind === 'partial' ? 206 : 200;
    if (c.req.method === 'HEAD') return new Response(null, { status, headers });
    const release = o.slots.acquire(jobId);
    const endActivity = o.activity?.begin();
    streaming = true;
    c.status(status);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return stream(
      c,
      async (s) => {
        s.onAbort(() => live.interrupt());
        try {
          await writeJobEvents({
            feed,
            jobId,
            start,
            end: resolution.kind === 'partial' ? resolution.end : undefined,
            snapshot,
            live,
            write: async (line) => {
              await s.write(line);
            },
            aborted: () => s.aborted,
            heartbeatMs: o.heartbeatMs,
            now: o.now,
          });
        } finally {
          unsubscribe();
          release();
          endActivity?.();
        }
      },
      async (err) => {
        o.logger.error({ err, job_id: jobId }, 'job event stream failed');
      },
    );
  } finally {
    if (!streaming) unsubscribe();
  }
}
