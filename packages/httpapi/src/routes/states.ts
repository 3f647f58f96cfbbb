import { StateEntry } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { parseIdPrefix, parseStateId } from '@sqlrs/id';
import type { Store } from '@sqlrs/store';
import { z } from 'zod';
import { VISIBLE_STATE_STATUSES, isVisibleState, toStateEntry } from '../api-entries.js';
import { available } from '../not-implemented.js';
import { queryBool, queryKind, queryText } from '../query.js';
import { respondList } from '../respond-list.js';
import { route } from '../route-spec.js';
import type { RouteSpec } from '../route-spec.js';
import type { DeletionService } from '../services.js';
import { DELETE_RESPONSES, LIST_RESPONSES, deleteQuery, json, notFound } from './common.js';

/** `GET /v1/states`, `GET|DELETE /v1/states/{state_id}` (api.md §5.7, §5.8). */
export function stateRoutes(o: { store: Store; deletion?: DeletionService }): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/v1/states',
      operationId: 'listStates',
      summary: 'List states, ordered by created_at then id.',
      query: [
        { name: 'id_prefix', description: '8..64 hex characters', schema: z.string() },
        { name: 'kind', description: 'psql or lb', schema: z.enum(['psql', 'lb']) },
        { name: 'image', description: 'exact image id', schema: z.string() },
      ],
      responses: LIST_RESPONSES(StateEntry),
      handler: (c) => {
        const records = o.store.listStates({
          idPrefix: parseIdPrefix(c.req.query('id_prefix'), 64),
          kind: queryKind(c.req.query('kind')),
          image: queryText(c.req.query('image')),
          statuses: VISIBLE_STATE_STATUSES,
        });
        return respondList(c, records.filter(isVisibleState).map(toStateEntry));
      },
    }),
    route({
      method: 'GET',
      path: '/v1/states/:state_id',
      operationId: 'getState',
      summary: 'Get one state by its exact id.',
      responses: { 200: { description: 'the state', schema: StateEntry }, 404: notFound },
      handler: (c) => {
        const id = parseStateId(c.req.param('state_id') ?? '');
        const record = id === undefined ? undefined : o.store.getState(id);
        if (record === undefined || !isVisibleState(record)) throw new SqlrsError('not_found', 'state not found');
        return json(toStateEntry(record));
      },
    }),
    route({
      method: 'DELETE',
      path: '/v1/states/:state_id',
      operationId: 'deleteState',
      summary: 'Delete a state, with recurse, force and dry_run.',
      query: deleteQuery(true),
      responses: DELETE_RESPONSES,
      handler: async (c) => {
        const deletion = available(o.deletion, 'DELETE', '/v1/states/{state_id}');
        const flags = {
          recurse: queryBool(c.req.query('recurse'), 'recurse'),
          force: queryBool(c.req.query('force'), 'force'),
          dryRun: queryBool(c.req.query('dry_run'), 'dry_run'),
        };
        const id = parseStateId(c.req.param('state_id') ?? '');
        if (id === undefined) throw new SqlrsError('not_found', 'state not found');
        const answer = await deletion.deleteState(id, flags);
        return json(answer.result, answer.httpStatus);
      },
    }),
  ];
}
