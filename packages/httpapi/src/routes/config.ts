import { ConfigSetRequest, ConfigValue, ErrorResponse, configJsonSchema } from '@sqlrs/contract';
import type { ConfigStore } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { Store } from '@sqlrs/store';
import { z } from 'zod';
import { queryBool } from '../query.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import { json, notFound } from './common.js';

function requiredPath(raw: string | undefined): string {
  const path = (raw ?? '').trim();
  if (path === '') {
    throw new SqlrsError('invalid_argument', 'path is required', { issues: [{ path: 'path', message: 'path is required' }] });
  }
  return path;
}

/** `GET|PATCH|DELETE /v1/config`, `GET /v1/config/schema` (api.md §8). Changes are audited. */
export function configRoutes(o: { config: ConfigStore; store: Store; now: () => number }): RouteSpec[] {
  const schema = configJsonSchema();
  const audit = (path: string, change: 'set' | 'delete', value: unknown): void =>
    o.store.appendAudit([
      { ts: o.now(), actor: 'api', action: 'config.changed', objectId: path, details: { change, value } },
    ]);
  const invalid = { description: 'invalid path or value', schema: ErrorResponse };
  return [
    route({
      method: 'GET',
      path: '/v1/config',
      operationId: 'getConfig',
      summary: 'Read the overrides, the effective config, or one path.',
      query: [
        { name: 'path', description: 'dot path, e.g. cache.capacity.maxBytes', schema: z.string() },
        { name: 'effective', description: 'merge defaults (Go ParseBool)', schema: z.string() },
      ],
      responses: {
        200: {
          description: 'the whole object without path, or a ConfigValue with path',
          schema: z.union([ConfigValue, z.record(z.string(), z.unknown())]),
        },
        400: invalid,
        404: notFound,
      },
      handler: (c) => {
        const effective = queryBool(c.req.query('effective'), 'effective');
        const path = (c.req.query('path') ?? '').trim();
        return json(path === '' ? o.config.get(undefined, { effective }) : o.config.get(path, { effective }));
      },
    }),
    route({
      method: 'PATCH',
      path: '/v1/config',
      operationId: 'setConfig',
      summary: 'Set one config value.',
      body: { schema: ConfigSetRequest },
      responses: { 200: { description: 'the stored value', schema: ConfigValue }, 400: invalid },
      handler: async (_c, body) => {
        const request = body as ConfigSetRequest;
        const result = await o.config.set(requiredPath(request.path), request.value);
        audit(result.path, 'set', result.value);
        return json(result);
      },
    }),
    route({
      method: 'DELETE',
      path: '/v1/config',
      operationId: 'deleteConfig',
      summary: 'Remove one override; answers the effective value after removal.',
      query: [{ name: 'path', description: 'dot path (required)', schema: z.string() }],
      responses: { 200: { description: 'the effective value', schema: ConfigValue }, 400: invalid, 404: notFound },
      handler: async (c) => {
        const result = await o.config.delete(requiredPath(c.req.query('path')));
        audit(result.path, 'delete', result.value);
        return json(result);
      },
    }),
    route({
      method: 'GET',
      path: '/v1/config/schema',
      operationId: 'getConfigSchema',
      summary: 'The JSON Schema (2020-12) of the config.',
      responses: { 200: { description: 'JSON Schema' } },
      handler: () => json(schema),
    }),
  ];
}
