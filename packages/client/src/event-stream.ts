import { readNdjson } from '@sqlrs/stream';
import type { z } from 'zod';
import type { HttpRequest, HttpTransport, StreamingResponse } from './http-transport.js';
import { isSuccess, validateBody } from './read-body.js';
import { responseError } from './response-error.js';

/**
 * A live NDJSON answer (job events, run output): iterate it once with `for await`; each item is
 * yielded as soon as its line arrives. Leaving the loop early, or `close()`, closes the connection.
 */
export interface EventStream<T> extends AsyncIterable<T> {
  /** HTTP status of the answer: 200, or 206 for a job events `Range`. */
  readonly status: number;
  /** The `Content-Range` header of a 206 events answer, else null. */
  readonly contentRange: string | null;
  /** Closes the connection; iteration then ends without an error. */
  close(): void;
}

/**
 * Sends a streaming call and returns once the headers arrived: non-2xx answers throw their
 * SqlrsError here, before any item is read; each item is validated against `schema`.
 */
export async function openEventStream<T>(
  transport: HttpTransport,
  request: HttpRequest,
  item: { schema: z.ZodType<T>; what: string },
): Promise<EventStream<T>> {
  const response = await transport.stream({
    ...request,
    headers: { ...request.headers, accept: 'application/x-ndjson' },
  });
  if (!isSuccess(response.status)) throw responseError(await response.buffer());
  const iterator = validatedItems(response, item.schema, item.what);
  return {
    status: response.status,
    contentRange: response.headers.get('content-range'),
    close: () => response.close(),
    [Symbol.asyncIterator]: () => iterator,
  };
}

async function* validatedItems<T>(
  response: StreamingResponse,
  schema: z.ZodType<T>,
  what: string,
): AsyncGenerator<T, void, undefined> {
  for await (const value of readNdjson(response.body)) {
    yield validateBody(schema, value, { request: response.request, status: response.status, what });
  }
}
