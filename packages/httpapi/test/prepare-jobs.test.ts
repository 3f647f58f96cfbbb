// Prepare jobs and tasks routes (api.md §4.4–§4.8, §4.10) over a fake PrepareService.
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { id32 } from '@sqlrs/store/testing';
import { harness } from './harness.js';
import { FakePrepare, jobEntry, jobStatus, planTask } from './service-fakes.js';

const J1 = id32('a1');
const J2 = id32('a2');
const BODY = JSON.stringify({ prepare_kind: 'psql', image_id: 'postgres:17', psql_args: ['-c', 'select 1'] });

function setup() {
  const prepare = new FakePrepare();
  prepare.addJob(J1, 3);
  prepare.addJob(J2, 4, { terminal: true });
  return { prepare, h: harness({ prepare }) };
}

describe('without a prepare service', () => {
  it.each([
    ['POST', '/v1/prepare-jobs', BODY, 'POST /v1/prepare-jobs'],
    ['GET', '/v1/prepare-jobs', undefined, 'GET /v1/prepare-jobs'],
    ['GET', `/v1/prepare-jobs/${J1}`, undefined, 'GET /v1/prepare-jobs/{job_id}'],
    ['DELETE', `/v1/prepare-jobs/${J1}`, undefined, 'DELETE /v1/prepare-jobs/{job_id}'],
    ['POST', `/v1/prepare-jobs/${J1}/cancel`, undefined, 'POST /v1/prepare-jobs/{job_id}/cancel'],
    ['GET', `/v1/prepare-jobs/${J1}/events`, undefined, 'GET /v1/prepare-jobs/{job_id}/events'],
    ['GET', '/v1/tasks', undefined, 'GET /v1/tasks'],
    ['POST', '/v1/cache/explain/prepare', BODY, 'POST /v1/cache/explain/prepare'],
    ['POST', '/v1/runs', JSON.stringify({ instance_ref: 'dev', kind: 'psql' }), 'POST /v1/runs'],
  ])('%s %s answers 503 not implemented', async (method, path, body, name) => {
    const res = await harness().request(method, path, body === undefined ? {} : { body });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: 'unavailable', message: `${name} is not implemented in this build` });
  });
});

describe('POST /v1/prepare-jobs', () => {
  it('answers 201 with Location and PrepareJobAccepted', async () => {
    const { prepare, h } = setup();
    const res = await h.request('POST', '/v1/prepare-jobs', { body: BODY });
    expect(res.status).toBe(201);
    const url = `/v1/prepare-jobs/${prepare.newJobId}`;
    expect(res.headers.get('location')).toBe(url);
    expect(await res.json()).toEqual({ job_id: prepare.newJobId, status_url: url, events_url: `${url}/events`, status: 'queued' });
    expect(prepare.calls).toEqual([{ submit: JSON.parse(BODY) }]);
  });

  it('maps the service errors of the synchronous checks', async () => {
    const { prepare, h } = setup();
    prepare.submitError = new SqlrsError('too_many_requests', '256 jobs are waiting; retry later');
    const res = await h.request('POST', '/v1/prepare-jobs', { body: BODY });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ code: 'too_many_requests', message: '256 jobs are waiting; retry later' });
  });

  it('validates the body before calling the service', async () => {
    const { prepare, h } = setup();
    const res = await h.request('POST', '/v1/prepare-jobs', { body: '{"prepare_kind":"psql"}' });
    expect(res.status).toBe(400);
    expect(prepare.calls).toEqual([]);
  });
});

describe('GET /v1/prepare-jobs', () => {
  it('lists as JSON or NDJSON and passes the parsed filters', async () => {
    const { prepare, h } = setup();
    const res = await h.request('GET', `/v1/prepare-jobs?job=A1&id_prefix=${J1.slice(0, 8).toUpperCase()}`);
    expect(await res.json()).toEqual([jobEntry(J1, 'running'), jobEntry(J2, 'failed')]);
    expect(prepare.calls).toEqual([{ listJobs: { jobPrefix: 'a1', idPrefix: J1.slice(0, 8) } }]);
    const nd = await h.request('GET', '/v1/prepare-jobs?job=%20', { headers: { Accept: 'application/x-ndjson' } });
    expect(nd.headers.get('content-type')).toBe('application/x-ndjson');
    expect(await nd.text()).toBe(`${JSON.stringify(jobEntry(J1, 'running'))}\n${JSON.stringify(jobEntry(J2, 'failed'))}\n`);
    expect(prepare.calls[1]).toEqual({ listJobs: { jobPrefix: undefined, idPrefix: undefined } });
  });

  it.each([
    ['job=xyz', 'invalid job'],
    [`job=${'a'.repeat(33)}`, 'invalid job'],
    ['id_prefix=abc', 'invalid id_prefix'],
    [`id_prefix=${'a'.repeat(33)}`, 'invalid id_prefix'],
  ])('rejects %s with 400', async (query, message) => {
    const res = await setup().h.request('GET', `/v1/prepare-jobs?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(message);
  });
});

describe('GET /v1/prepare-jobs/{job_id}', () => {
  it('gets a job by exact id in any case', async () => {
    const res = await setup().h.request('GET', `/v1/prepare-jobs/${J1.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(jobStatus(J1, 'running'));
  });

  it.each([id32('ff'), J1.slice(0, 8), 'not-a-job'])('answers 404 job not found for %s', async (id) => {
    const res = await setup().h.request('GET', `/v1/prepare-jobs/${id}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'job not found' });
  });
});

describe('POST /v1/prepare-jobs/{job_id}/cancel', () => {
  it('answers 202 for a live job and 200 for a finished one, body ignored', async () => {
    const { h } = setup();
    const live = await h.request('POST', `/v1/prepare-jobs/${J1}/cancel`, { body: 'ignored' });
    expect(live.status).toBe(202);
    expect(await live.json()).toEqual({ ...jobStatus(J1, 'running'), cancel_requested: true });
    const done = await h.request('POST', `/v1/prepare-jobs/${J2}/cancel`);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual(jobStatus(J2, 'failed'));
  });

  it('answers 404 for an unknown job', async () => {
    const res = await setup().h.request('POST', `/v1/prepare-jobs/${id32('ff')}/cancel`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'job not found' });
  });
});

describe('DELETE /v1/prepare-jobs/{job_id}', () => {
  const root = (id: string, blocked: 'active_tasks' | null) => ({ kind: 'job', id, connections: null, runtime_id: null, blocked, children: [] });

  it('answers 409 with a DeleteResult when blocked, 200 with dry_run or force', async () => {
    const { prepare, h } = setup();
    const blocked = await h.request('DELETE', `/v1/prepare-jobs/${J1}`);
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toEqual({ dry_run: false, outcome: 'blocked', root: root(J1, 'active_tasks') });
    const dry = await h.request('DELETE', `/v1/prepare-jobs/${J1}?dry_run=t`);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ dry_run: true, outcome: 'blocked', root: root(J1, 'active_tasks') });
    const forced = await h.request('DELETE', `/v1/prepare-jobs/${J1.toUpperCase()}?force=TRUE&dry_run=`);
    expect(forced.status).toBe(200);
    expect(await forced.json()).toEqual({ dry_run: false, outcome: 'deleted', root: root(J1, null) });
    expect(prepare.calls).toEqual([
      { deleteJob: J1, force: false, dryRun: false },
      { deleteJob: J1, force: false, dryRun: true },
      { deleteJob: J1, force: true, dryRun: false },
    ]);
  });

  it('rejects a bad flag with 400 and an unknown job with 404', async () => {
    const { h } = setup();
    const bad = await h.request('DELETE', `/v1/prepare-jobs/${J1}?force=yes`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('invalid force');
    const unknown = await h.request('DELETE', `/v1/prepare-jobs/${id32('ff')}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'not_found', message: 'job not found' });
  });
});

describe('GET /v1/tasks', () => {
  it('lists all tasks or one job exactly (any case); unknown job is []', async () => {
    const { prepare, h } = setup();
    expect(await (await h.request('GET', '/v1/tasks')).json()).toEqual([planTask(J1), planTask(J2)]);
    expect(await (await h.request('GET', `/v1/tasks?job=${J2.toUpperCase()}`)).json()).toEqual([planTask(J2)]);
    expect(await (await h.request('GET', `/v1/tasks?job=${id32('ff')}`)).json()).toEqual([]);
    const nd = await h.request('GET', `/v1/tasks?job=${J1}`, { headers: { Accept: 'application/x-ndjson' } });
    expect(await nd.text()).toBe(`${JSON.stringify(planTask(J1))}\n`);
    expect(prepare.calls).toEqual([{ listTasks: {} }, { listTasks: { jobId: J2 } }, { listTasks: { jobId: id32('ff') } }, { listTasks: { jobId: J1 } }]);
  });

  it.each(['a1', J1.slice(0, 31), `${J1}0`, 'zz'])('rejects job=%s with 400', async (job) => {
    const res = await setup().h.request('GET', `/v1/tasks?job=${job}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalid_argument',
      message: 'invalid job',
      details: `expected a 32-character hex id; got ${JSON.stringify(job)}`,
      issues: [{ path: 'job', message: `expected a 32-character hex id; got ${JSON.stringify(job)}` }],
    });
  });
});
