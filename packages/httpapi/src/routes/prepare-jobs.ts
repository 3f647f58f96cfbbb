import {
  ErrorResponse,
  PrepareJobAccepted,
  PrepareJobEntry,
  PrepareJobRequest,
  PrepareJobStatus,
  TaskEntry,
} from '@sqlrs/contract';
import { parseIdPrefix, parseJobFilter } from '@sqlrs/id';
import { z } from 'zod';
import { available } from '../not-implemented.js';
import { queryBool, queryInstanceId } from '../query.js';
import { LARGE_BODY_LIMIT } from '../read-body.js';
import { respondList } from '../respond-list.js';
import { route } from '../route-spec.js';
import type { Method, RouteSpec } from '../route-spec.js';
import type { PrepareService } from '../services.js';
import { DELETE_RESPONSES, LIST_RESPONSES, deleteQuery, json, notFound } from './common.js';
import { jobEventsRoute, jobIdParam, jobNotFound } from './job-events.js';
import type { JobEventsOptions } from './job-events.js';

const JOBS = '/v1/prepare-jobs';
const JOB = '/v1/prepare-jobs/{job_id}';

/**
 * Prepare jobs and tasks (api.md §4.4–§4.10) over the prepare service; without one every route
 * answers 503 `… is not implemented in this build` after its request is validated.
 */
export function prepareJobRoutes(o: JobEventsOptions): RouteSpec[] {
  const badRequest = { description: 'invalid request', schema: ErrorResponse };
  const service = (method: Method, template: string): PrepareService => available(o.prepare, method, template);
  return [
    route({
      method: 'POST',
      path: '/v1/prepare-jobs',
      operationId: 'submitPrepareJob',
      summary: 'Submit a prepare job.',
      body: { schema: PrepareJobRequest, limit: LARGE_BODY_LIMIT },
      responses: { 201: { description: 'accepted', schema: PrepareJobAccepted }, 400: badRequest },
      handler: async (_c, body: PrepareJobRequest) => {
        const accepted = await service('POST', JOBS).submit(body);
        return json(accepted, 201, { Location: accepted.status_url });
      },
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
      handler: (c) => {
        const prepare = service('GET', JOBS);
        const jobPrefix = parseJobFilter(c.req.query('job'));
        const idPrefix = parseIdPrefix(c.req.query('id_prefix'), 32);
        return respondList(c, prepare.listJobs({ jobPrefix, idPrefix }));
      },
    }),
    route({
      method: 'GET',
      path: '/v1/prepare-jobs/:job_id',
      operationId: 'getPrepareJob',
      summary: 'Get one prepare job.',
      responses: { 200: { description: 'the job', schema: PrepareJobStatus }, 404: notFound },
      handler: (c) => {
        const job = service('GET', JOB).getJob(jobIdParam(c));
        if (job === undefined) throw jobNotFound();
        return json(job);
      },
    }),
    route({
      method: 'DELETE',
      path: '/v1/prepare-jobs/:job_id',
      operationId: 'deletePrepareJob',
      summary: 'Delete a prepare job, with force and dry_run.',
      query: deleteQuery(false),
      responses: DELETE_RESPONSES,
      handler: async (c) => {
        const prepare = service('DELETE', JOB);
        const force = queryBool(c.req.query('force'), 'force');
        const dryRun = queryBool(c.req.query('dry_run'), 'dry_run');
        const answer = await prepare.deleteJob(jobIdParam(c), { force, dryRun });
        return json(answer.result, answer.httpStatus);
      },
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
      handler: (c) => {
        const answer = service('POST', `${JOB}/cancel`).cancel(jobIdParam(c));
        return json(answer.job, answer.httpStatus);
      },
    }),
    jobEventsRoute(o),
    route({
      method: 'GET',
      path: '/v1/tasks',
      operationId: 'listTasks',
      summary: 'List tasks of all jobs or one job.',
      query: [{ name: 'job', description: 'exact job id', schema: z.string() }],
      responses: LIST_RESPONSES(TaskEntry),
      handler: (c) => {
        const prepare = service('GET', '/v1/tasks');
        const jobId = queryInstanceId(c.req.query('job'), 'job');
        return respondList(c, prepare.listTasks(jobId === undefined ? {} : { jobId }));
      },
    }),
  ];
}
