import { EXTENSION_KEYWORD, apiJsonSchemas, apiRegistry } from '@sqlrs/contract';
import { z } from 'zod';
import type { ResponseSpec, RouteSpec } from './route-spec.js';

type Json = Record<string, unknown>;

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });

/** JSON Schema of a documented schema: a reference when it is a named api.md type. */
function schemaOf(schema: z.ZodType): Json {
  const id = apiRegistry.get(schema)?.id;
  if (id !== undefined) return ref(id);
  if (schema instanceof z.ZodArray) return { type: 'array', items: schemaOf(schema.element as z.ZodType) };
  const inline = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete inline.$schema;
  return inline;
}

function response(spec: ResponseSpec): Json {
  if (spec.schema === undefined) return { description: spec.description };
  return { description: spec.description, content: { [spec.contentType ?? 'application/json']: { schema: schemaOf(spec.schema) } } };
}

function operation(spec: RouteSpec): Json {
  const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = (spec.query ?? []).map((q) => ({
    name: q.name,
    in: 'query',
    required: false,
    description: q.description,
    schema: schemaOf(q.schema),
  }));
  const op: Json = {
    operationId: spec.operationId,
    summary: spec.summary,
    responses: Object.fromEntries(Object.entries(spec.responses).map(([status, r]) => [status, response(r)])),
  };
  if (pathParams.length + queryParams.length > 0) op.parameters = [...pathParams, ...queryParams];
  if (spec.body !== undefined) {
    op.requestBody = {
      required: spec.body.optional !== true,
      content: { 'application/json': { schema: schemaOf(spec.body.schema) } },
    };
  }
  if (spec.auth === false) op.security = [];
  if (spec.ext === true) op[EXTENSION_KEYWORD] = true;
  return op;
}

/** Sorts object keys recursively so the document is byte-stable per build (api.md §3.3). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Json)[key]);
  return out;
}

/** The OpenAPI 3.1 document of the routes, generated from their zod schemas (api.md §3.3). */
export function openApiDocument(routes: readonly RouteSpec[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const spec of routes) {
    const template = spec.path.replace(/:(\w+)/g, '{$1}');
    const item = paths[template] ?? {};
    item[spec.method.toLowerCase()] = operation(spec);
    paths[template] = item;
  }
  return sortKeys({
    openapi: '3.1.0',
    info: { title: 'sqlrs engine', version },
    paths,
    components: {
      schemas: apiJsonSchemas({ io: 'output' }),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  }) as Json;
}
