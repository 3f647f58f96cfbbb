import { DeleteResult, ErrorResponse } from '@sqlrs/contract';
import { z } from 'zod';
import type { QueryParamSpec, ResponseSpec } from '../route-spec.js';

/** Media type of NDJSON responses (api.md §1.8). */
export const NDJSON = 'application/x-ndjson';

/** Headers of every streamed NDJSON response (api.md §1.8). */
export const NDJSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': NDJSON, 'Cache-Control': 'no-store' };

/** A JSON response, 200 unless told otherwise. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The documented 404 of a lookup. */
export const notFound: ResponseSpec = { description: 'not found', schema: ErrorResponse };

/** Responses of a list route: a JSON array, or NDJSON of the same objects. */
export function LIST_RESPONSES(item: z.ZodType): Record<number, ResponseSpec> {
  return {
    200: { description: 'a JSON array, or NDJSON with Accept: application/x-ndjson', schema: z.array(item) },
    400: { description: 'invalid query value', schema: ErrorResponse },
  };
}

/** Query parameters of the delete routes. */
export function deleteQuery(recurse: boolean): QueryParamSpec[] {
  const flag = z.string().describe('Go ParseBool value');
  return [
    ...(recurse ? [{ name: 'recurse', description: 'delete the whole subtree', schema: flag }] : []),
    { name: 'force', description: 'override active connections', schema: flag },
    { name: 'dry_run', description: 'report the tree without deleting', schema: flag },
  ];
}

/** Documented responses of a delete route. */
export const DELETE_RESPONSES: Record<number, ResponseSpec> = {
  200: { description: 'deleted, would delete, or blocked dry run', schema: DeleteResult },
  400: { description: 'invalid query value', schema: ErrorResponse },
  404: notFound,
  409: { description: 'blocked', schema: DeleteResult },
};
