import type { Context } from 'hono';
import { ErrorResponse, InstanceEntry, ResetRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { parseIdPrefix } from '@sqlrs/id';
import { instanceRedirectLocation, resolveInstanceRef } from '@sqlrs/registry';
import type { InstanceLookup } from '@sqlrs/registry';
import type { InstanceRecord, Store } from '@sqlrs/store';
import { z } from 'zod';
import { toInstanceEntry } from '../api-entries.js';
import { connectionsOf } from '@sqlrs/conntrack';
import { available } from '../not-implemented.js';
import { queryBool, queryStateId, queryText } from '../query.js';
import { respondList } from '../respond-list.js';
import { route } from '../route-spec.js';
import type { ResponseSpec, RouteSpec } from '../route-spec.js';
import type { DeletionService, InstanceLifecycle } from '../services.js';
import { DELETE_RESPONSES, LIST_RESPONSES, deleteQuery, json, notFound } from './common.js';

/** Registry lookups over the store: ids exactly, names by their binding. */
function storeInstanceLookup(store: Store): InstanceLookup<InstanceRecord> {
  return {
    instanceById: (id) => store.getInstance(id),
    instanceIdByName: (name) => store.getName(name)?.instanceId ?? undefined,
  };
}

const redirect: ResponseSpec = { description: 'a bound name: Location is the instance id route' };

/**
 * Resolves `{id_or_name}` (api.md §5.3): the instance, or a finished 307/404 response.
 */
function resolve(c: Context, lookup: InstanceLookup<InstanceRecord>): InstanceRecord | Response {
  const result = resolveInstanceRef(c.req.param('id_or_name') ?? '', lookup);
  if (result.kind === 'instance') return result.instance;
  if (result.kind === 'redirect') {
    const url = new URL(c.req.url);
    const location = instanceRedirectLocation(result.instanceId, url.pathname, url.search);
    return new Response(null, { status: 307, headers: { Location: location } });
  }
  throw new SqlrsError('not_found', 'instance not found');
}

/** `GET /v1/instances`, `GET|DELETE /v1/instances/{id_or_name}`, `POST …/reset` (api.md §5.2–§5.4). */
export function instanceRoutes(o: { store: Store; now: () => number; deletion?: DeletionService; instances?: InstanceLifecycle }): RouteSpec[] {
  const lookup = storeInstanceLookup(o.store);
  return [
    route({
      method: 'GET',
      path: '/v1/instances',
      operationId: 'listInstances',
      summary: 'List instances (expired tombstones included), ordered by created_at then id.',
      query: [
        { name: 'id_prefix', description: '8..32 hex characters', schema: z.string() },
        { name: 'state', description: 'exact state id', schema: z.string() },
        { name: 'image', description: 'exact image id', schema: z.string() },
      ],
      responses: LIST_RESPONSES(InstanceEntry),
      handler: (c) => {
        const records = o.store.listInstances({
          idPrefix: parseIdPrefix(c.req.query('id_prefix'), 32),
          state: queryStateId(c.req.query('state'), 'state'),
          image: queryText(c.req.query('image')),
        });
        const now = o.now();
        return respondList(
          c,
          records.map((r) => toInstanceEntry(r, now)),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/v1/instances/:id_or_name',
      operationId: 'getInstance',
      summary: 'Get an instance by id; a bound name redirects to its id.',
      responses: { 200: { description: 'the instance', schema: InstanceEntry }, 307: redirect, 404: notFound },
      handler: async (c) => {
        const found = resolve(c, lookup);
        if (found instanceof Response) return found;
        const entry = toInstanceEntry(found, o.now());
        // A single GET probes live (api.md §5.1); lists show the last sampled value.
        if (found.status === 'active' && o.instances !== undefined) entry.connections = connectionsOf(await o.instances.conntrack.count(found.instanceId));
        return json(entry);
      },
    }),
    route({
      method: 'DELETE',
      path: '/v1/instances/:id_or_name',
      operationId: 'deleteInstance',
      summary: 'Delete an instance, with force and dry_run.',
      query: deleteQuery(false),
      responses: { ...DELETE_RESPONSES, 307: redirect },
      handler: async (c) => {
        const flags = { force: queryBool(c.req.query('force'), 'force'), dryRun: queryBool(c.req.query('dry_run'), 'dry_run') };
        const found = resolve(c, lookup);
        if (found instanceof Response) return found;
        const deletion = available(o.deletion, 'DELETE', '/v1/instances/{id_or_name}');
        const answer = await deletion.deleteInstance(found.instanceId, flags);
        return json(answer.result, answer.httpStatus);
      },
    }),
    route({
      method: 'POST',
      path: '/v1/instances/:id_or_name/reset',
      operationId: 'resetInstance',
      summary: 'Bring an instance back to its source state.',
      ext: true,
      query: [{ name: 'force', description: 'terminate open sessions', schema: z.string() }],
      body: { schema: ResetRequest, optional: true },
      responses: {
        200: { description: 'the reset instance', schema: InstanceEntry },
        307: redirect,
        404: notFound,
        409: { description: 'expired, busy or connected', schema: ErrorResponse },
      },
      handler: async (c, body: ResetRequest | undefined) => {
        const force = queryBool(c.req.query('force'), 'force');
        const found = resolve(c, lookup);
        if (found instanceof Response) return found;
        const instances = available(o.instances, 'POST', '/v1/instances/{id_or_name}/reset');
        const record = await instances.reset(found.instanceId, { force, ttlSeconds: body?.ttl_seconds ?? null });
        return json(toInstanceEntry(record, o.now()));
      },
    }),
  ];
}
