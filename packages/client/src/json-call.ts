import { DeleteResult, ErrorResponse } from '@sqlrs/contract';
import type { z } from 'zod';
import type { ListOptions } from './client-options.js';
import type { HttpRequest, HttpTransport } from './http-transport.js';
import type { QueryParams } from './query.js';
import { bodyValue } from './response-error.js';
import { expectSuccess, readJson, readList } from './read-body.js';

/** Sends a call whose 2xx answer is one JSON value, validated against `schema`. */
export async function jsonCall<T>(
  transport: HttpTransport,
  request: HttpRequest,
  answer: { schema: z.ZodType<T>; what: string },
): Promise<T> {
  const response = expectSuccess(await transport.request(request));
  return readJson(response, answer.schema, answer.what);
}

/** GETs a list route with its filters, as JSON or (with `ndjson`) NDJSON, validating every item. */
export async function listCall<T>(
  transport: HttpTransport,
  route: { path: string; query: QueryParams },
  options: ListOptions | undefined,
  item: { schema: z.ZodType<T>; what: string },
): Promise<T[]> {
  const response = await transport.request({
    method: 'GET',
    path: route.path,
    query: route.query,
    headers: options?.ndjson === true ? { accept: 'application/x-ndjson' } : undefined,
    signal: options?.signal,
  });
  return readList(expectSuccess(response), item.schema, item.what);
}

/**
 * Sends a DELETE whose answer is a `DeleteResult`: 200 (deleted, would_delete, or blocked with
 * dry_run) and the 409 of a blocked delete are both returned, so the caller can show the tree;
 * a 409 `ErrorResponse` ("instance busy") and every other error answer throw.
 */
export async function deleteCall(transport: HttpTransport, request: HttpRequest): Promise<DeleteResult> {
  const response = await transport.request(request);
  if (response.status === 409 && !ErrorResponse.safeParse(bodyValue(response.text)).success) {
    return readJson(response, DeleteResult, 'DeleteResult');
  }
  return readJson(expectSuccess(response), DeleteResult, 'DeleteResult');
}
