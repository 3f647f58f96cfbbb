import { issueSentence, toErrorIssues } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { readNdjson } from '@sqlrs/stream';
import { z } from 'zod';
import type { BufferedResponse } from './http-transport.js';
import { responseError } from './response-error.js';

const NDJSON = 'application/x-ndjson';

/** True for a 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** Returns the response when it is 2xx, else throws its SqlrsError. */
export function expectSuccess(response: BufferedResponse): BufferedResponse {
  if (!isSuccess(response.status)) throw responseError(response);
  return response;
}

/**
 * Validates a decoded answer (or one streamed item) against its contract schema; a mismatch is
 * `internal_error` with the zod issues, since it means client and engine disagree on api.md.
 */
export function validateBody<T>(schema: z.ZodType<T>, value: unknown, context: { request: string; status: number; what: string }): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toErrorIssues(result.error);
  return failContract(
    `the engine's answer to ${context.request} is not a valid ${context.what}; use a client and engine of the same sqlrs version`,
    { details: issues.map(issueSentence).join('; '), issues, data: { status: context.status, body: value } },
  );
}

/** Parses a 2xx JSON answer and validates it. */
export function readJson<T>(response: BufferedResponse, schema: z.ZodType<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(response.text) as unknown;
  } catch (error) {
    return failContract(`the engine's answer to ${response.request} is not JSON; check that the endpoint is an sqlrs engine`, {
      details: response.text.slice(0, 4096),
      data: { status: response.status, body: response.text },
      cause: error,
    });
  }
  return validateBody(schema, value, { request: response.request, status: response.status, what });
}

/**
 * Parses a 2xx list answer: NDJSON when the engine says `application/x-ndjson` (one item per line,
 * an empty body is an empty list), else a JSON array; every item is validated.
 */
export async function readList<T>(response: BufferedResponse, item: z.ZodType<T>, what: string): Promise<T[]> {
  const list = z.array(item);
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().includes(NDJSON)) return readJson(response, list, `${what} list`);
  const values: unknown[] = [];
  for await (const value of readNdjson(once(response.text))) values.push(value);
  return validateBody(list, values, { request: response.request, status: response.status, what: `${what} list` });
}

async function* once(text: string): AsyncGenerator<string, void, undefined> {
  yield text;
}

function failContract(message: string, options: ConstructorParameters<typeof SqlrsError>[2]): never {
  throw new SqlrsError('internal_error', message, options);
}
