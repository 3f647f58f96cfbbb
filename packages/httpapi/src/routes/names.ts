import { NameEntry } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { Store } from '@sqlrs/store';
import { z } from 'zod';
import { toNameEntry } from '../api-entries.js';
import { queryInstanceId, queryStateId, queryText } from '../query.js';
import { respondList } from '../respond-list.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import { LIST_RESPONSES, json, notFound } from './common.js';

/** `GET /v1/names`, `GET /v1/names/{name}` (api.md §5.6). */
export function nameRoutes(o: { store: Store; now: () => number }): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/v1/names',
      operationId: 'listNames',
      summary: 'List bound names, ordered by created_at then name.',
      query: [
        { name: 'instance', description: 'exact instance id', schema: z.string() },
        { name: 'state', description: 'exact state id', schema: z.string() },
        { name: 'image', description: 'exact image id', schema: z.string() },
      ],
      responses: LIST_RESPONSES(NameEntry),
      handler: (c) => {
        const records = o.store.listNames({
          instance: queryInstanceId(c.req.query('instance'), 'instance'),
          state: queryStateId(c.req.query('state'), 'state'),
          image: queryText(c.req.query('image')),
        });
        return respondList(c, records.map(toNameEntry));
      },
    }),
    route({
      method: 'GET',
      path: '/v1/names/:name',
      operationId: 'getName',
      summary: 'Get a bound name, matched exactly.',
      responses: { 200: { description: 'the name', schema: NameEntry }, 404: notFound },
      handler: (c) => {
        const name = c.req.param('name') ?? '';
        const record = o.store.getName(name);
        if (record === undefined || record.instanceId === null) throw new SqlrsError('not_found', 'name not found');
        const now = o.now();
        o.store.touchName(name, now);
        return json(toNameEntry({ ...record, lastUsedAt: now }));
      },
    }),
  ];
}
