import { stream } from 'hono/streaming';
import { ErrorResponse, RunEvent, RunRequest } from '@sqlrs/contract';
import { toSqlrsError } from '@sqlrs/errors';
import { ndjsonLine } from '@sqlrs/stream';
import type { Logger } from '@sqlrs/telemetry';
import { errorBody } from '../error-response.js';
import { available } from '../not-implemented.js';
import { LARGE_BODY_LIMIT } from '../read-body.js';
import type { ActivityTracker } from '../request-context.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import type { RunService } from '../services.js';
import { NDJSON, NDJSON_HEADERS } from './common.js';

/** What the runs route needs. */
export interface RunRouteOptions {
  runs?: RunService;
  now: () => number;
  logger: Pick<Logger, 'error'>;
  activity?: ActivityTracker;
}

/**
 * `POST /v1/runs` (api.md §6): errors before the stream are ordinary HTTP errors; then 200 NDJSON
 * with every event written on its own as it is produced. A client disconnect aborts the run.
 */
export function runRoutes(o: RunRouteOptions): RouteSpec[] {
  return [
    route({
      method: 'POST',
      path: '/v1/runs',
      operationId: 'run',
      summary: 'Run psql or pgbench against an instance; streams NDJSON.',
      body: { schema: RunRequest, limit: LARGE_BODY_LIMIT },
      responses: {
        200: { description: 'run events', schema: RunEvent, contentType: NDJSON },
        400: { description: 'invalid request', schema: ErrorResponse },
        404: { description: 'instance not found', schema: ErrorResponse },
        409: { description: 'instance expired or failed', schema: ErrorResponse },
        429: { description: 'too many concurrent runs', schema: ErrorResponse },
      },
      handler: async (c, body: RunRequest) => {
        const run = await available(o.runs, 'POST', '/v1/runs').prepare(body);
        const endActivity = o.activity?.begin();
        for (const [name, value] of Object.entries(NDJSON_HEADERS)) c.header(name, value);
        return stream(
          c,
          async (s) => {
            const controller = new AbortController();
            s.onAbort(() => controller.abort());
            let written: Promise<unknown> = Promise.resolve();
            const sink = (event: RunEvent): void => {
              const line = ndjsonLine(event);
              written = written.then(() => s.write(line));
            };
            try {
              await run.execute(sink, controller.signal);
            } catch (err) {
              o.logger.error({ err }, 'run failed outside its event stream');
              sink({ type: 'error', ts: new Date(o.now()).toISOString(), error: errorBody(toSqlrsError(err)) });
            } finally {
              await written;
              endActivity?.();
            }
          },
          async (err) => {
            o.logger.error({ err }, 'run stream failed');
          },
        );
      },
    }),
  ];
}
