import {
  CacheExplainPrepareRequest,
  CacheExplainPrepareResponse,
  CacheStatus,
  ErrorResponse,
  PrepareJobAccepted,
  PrepareJobEntry,
  PrepareJobEvent,
  PrepareJobRequest,
  PrepareJobStatus,
  RunEvent,
  RunRequest,
  TaskEntry,
} from '@sqlrs/contract';
import { z } from 'zod';
import { notImplemented } from '../not-implemented.js';
import { LARGE_BODY_LIMIT } from '../read-body.js';
import { route } from '../route-spec.js';
import type { Method, RouteSpec } from '../route-spec.js';
import { DELETE_RESPONSES, LIST_RESPONSES, deleteQuery, notFound } from './common.js';

const NDJSON = 'application/x-ndjson';

function pending(method: Method, template: string): () => never {
  return () => {
    throw notImplemented(method, template);
  };
}

/**
 * Prepare jobs, tasks, runs and cache routes (api.md §4, §6, §7), documented and validated;
 * the job manager that serves them arrives with the prepare work.
 */
export function pendingRoutes(): RouteSpec[] {
  const badRequest = { description: 'invalid request', schema: ErrorResponse };
  return [
    route({
      method: 'POST',
      path: '/v1/prepare-jobs',
      operationId: 'submitPrepareJob',
      summary: 'Submit a prepare job.',
      body: { schema: PrepareJobRequest, limit: LARGE_BODY_LIMIT },
      responses: { 201: { description: 'accepted', schema: PrepareJobAccepted }, 400: badRequest },
      handler: pending('POST', '/v1/prepare-jobs'),
    }),
    route({
      method: 'GET',
      path: '/v1/prepare-jobs',
      operationId: 'listPrepareJobs',
      summary: 'List prepare jobs.',
      query: [
        { name: 'job', description: '1..32 hex job id prefix', schema: z.string() },
        { name: 'id_prefix', description: '8..32 hex', schema: z.string() },
      ],
      responses: LIST_RESPONSES(PrepareJobEntry),
      handler: pending('GET', '/v1/prepare-jobs'),
    }),
    route({
      method: 'GET',
      path: '/v1/prepare-jobs/:job_id',
      operationId: 'getPrepareJob',
      summary: 'Get one prepare job.',
      responses: { 200: { description: 'the job', schema: PrepareJobStatus }, 404: notFound },
      handler: pending('GET', '/v1/prepare-jobs/{job_id}'),
    }),
    route({
      method: 'DELETE',
      path: '/v1/prepare-jobs/:job_id',
      operationId: 'deletePrepareJob',
      summary: 'Delete a prepare job, with force and dry_run.',
      query: deleteQuery(false),
      responses: DELETE_RESPONSES,
      handler: pending('DELETE', '/v1/prepare-jobs/{job_id}'),
    }),
    route({
      method: 'POST',
      path: '/v1/prepare-jobs/:job_id/cancel',
      operationId: 'cancelPrepareJob',
      summary: 'Cancel a prepare job.',
      responses: {
        200: { description: 'already finished', schema: PrepareJobStatus },
        202: { description: 'cancel accepted', schema: PrepareJobStatus },
        404: notFound,
      },
      handler: pending('POST', '/v1/prepare-jobs/{job_id}/cancel'),
    }),
    route({
      method: 'GET',
      path: '/v1/prepare-jobs/:job_id/events',
      operationId: 'streamPrepareJobEvents',
      summary: 'Replay and follow the events of a job (NDJSON, Range: events=N-M).',
      responses: {
        200: { description: 'events', schema: PrepareJobEvent, contentType: NDJSON },
        206: { description: 'a range of events', schema: PrepareJobEvent, contentType: NDJSON },
        404: notFound,
        416: { description: 'range not satisfiable', schema: ErrorResponse },
      },
      handler: pending('GET', '/v1/prepare-jobs/{job_id}/events'),
    }),
    route({
      method: 'GET',
      path: '/v1/tasks',
      operationId: 'listTasks',
      summary: 'List tasks of all jobs or one job.',
      query: [{ name: 'job', description: 'exact job id', schema: z.string() }],
      responses: LIST_RESPONSES(TaskEntry),
      handler: pending('GET', '/v1/tasks'),
    }),
    route({
      method: 'POST',
      path: '/v1/runs',
      operationId: 'run',
      summary: 'Run psql or pgbench against an instance; streams NDJSON.',
      body: { schema: RunRequest, limit: LARGE_BODY_LIMIT },
      responses: { 200: { description: 'run events', schema: RunEvent, contentType: NDJSON }, 400: badRequest },
      handler: pending('POST', '/v1/runs'),
    }),
    route({
      method: 'GET',
      path: '/v1/cache/status',
      operationId: 'getCacheStatus',
      summary: 'Cache usage, limits and pressure.',
      responses: { 200: { description: 'cache status', schema: CacheStatus } },
      handler: pending('GET', '/v1/cache/status'),
    }),
    route({
      method: 'POST',
      path: '/v1/cache/explain/prepare',
      operationId: 'explainPrepare',
      summary: 'Plan a prepare request without side effects and explain its cache hits.',
      body: { schema: CacheExplainPrepareRequest, limit: LARGE_BODY_LIMIT },
      responses: { 200: { description: 'explanation', schema: CacheExplainPrepareResponse }, 400: badRequest },
      handler: pending('POST', '/v1/cache/explain/prepare'),
    }),
  ];
}
