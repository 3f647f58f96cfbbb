import type { Context } from 'hono';
import type { z } from 'zod';

/** HTTP methods the API uses besides HEAD, which follows GET. */
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** A schema registered in contract's registry, documented by reference. */
  schema?: z.ZodType;
  /** Defaults to application/json; NDJSON and Prometheus routes say otherwise. */
  contentType?: string;
}

/** Query parameter documentation; values are validated by the handler (api.md §1.7). */
export interface QueryParamSpec {
  name: string;
  description: string;
  schema: z.ZodType;
}

/** A request body: validated with `schema` after the size limit and the JSON parse. */
interface BodySpec<B> {
  schema: z.ZodType<B>;
  optional?: boolean;
  /** Bytes; defaults to BODY_LIMIT. */
  limit?: number;
}

/** One route: everything needed to register it and to document it in the OpenAPI document. */
export interface RouteSpec<B = unknown> {
  method: Method;
  /** hono template, e.g. `/v1/states/:state_id`. */
  path: string;
  operationId: string;
  summary: string;
  /** Our addition to the upstream API (api.md tag "ext"). */
  ext?: boolean;
  /** False only for /v1/health. */
  auth?: boolean;
  query?: QueryParamSpec[];
  body?: BodySpec<B>;
  responses: Record<number, ResponseSpec>;
  handler: (c: Context, body: B) => Response | Promise<Response>;
}

/** Keeps a route's body type tied to its handler while collecting routes in one list. */
export function route<B>(spec: RouteSpec<B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
