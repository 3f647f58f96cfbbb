import type { PrepareJobEvent, PrepareJobRequest } from '@sqlrs/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsRange } from '../src/prepare-jobs-api.js';
import { createClient } from '../src/sqlrs-client.js';
import type { SqlrsClient } from '../src/sqlrs-client.js';
import { caught, caughtSync } from './caught.js';
import { routes, sendJson, sendNdjson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import { J, TOKEN, jobAccepted, jobEntry, jobEvents, jobStatus, taskEntry } from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(table: Record<string, FakeHandler>): Promise<{ client: SqlrsClient; engine: FakeEngine }> {
  fake = await startFakeEngine(routes(table));
  return { client: createClient({ endpoint: fake.endpoint, token: TOKEN }), engine: fake };
}

const jobPath = `/v1/prepare-jobs/${J}`;

describe('prepare job routes', () => {
  it('submits a job with its request as the JSON body', async () => {
    const { client, engine } = await clientFor({
      'POST /v1/prepare-jobs': (_req, res) => sendJson(res, 201, jobAccepted, { location: jobAccepted.status_url }),
    });
    const request: PrepareJobRequest = {
      prepare_kind: 'psql',
      image_id: 'postgres:17',
      psql_args: ['-f', '/w/app/schema.sql'],
      name: 'dev',
      ttl_seconds: 3600,
    };
    expect(await client.submitPrepareJob(request)).toEqual(jobAccepted);
    expect(engine.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([['POST', '/v1/prepare-jobs', request]]);
  });

  it('lists jobs as JSON with the filters in the query string', async () => {
    const { client, engine } = await clientFor({ 'GET /v1/prepare-jobs': (_req, res) => sendJson(res, 200, [jobEntry]) });
    expect(await client.listPrepareJobs({ job: '9f2c', id_prefix: '9f2c4be1' })).toEqual([jobEntry]);
    expect(await client.listPrepareJobs()).toEqual([jobEntry]);
    expect(engine.requests.map((r) => [r.url, r.headers.accept])).toEqual([
      ['/v1/prepare-jobs?job=9f2c&id_prefix=9f2c4be1', 'application/json'],
      ['/v1/prepare-jobs', 'application/json'],
    ]);
  });

  it('lists jobs as NDJSON when asked', async () => {
    const second = { ...jobEntry, job_id: '0'.repeat(32), status: 'running', finished_at: null };
    const { client, engine } = await clientFor({
      'GET /v1/prepare-jobs': (req, res) =>
        req.headers.accept === 'application/x-ndjson' ? sendNdjson(res, 200, [jobEntry, second]) : sendJson(res, 406, {}),
    });
    expect(await client.listPrepareJobs({ job: '9f2c' }, { ndjson: true })).toEqual([jobEntry, second]);
    expect(engine.requests.map((r) => r.url)).toEqual(['/v1/prepare-jobs?job=9f2c']);
  });

  it('gets a job and cancels it', async () => {
    const running = { ...jobStatus, status: 'running', finished_at: null, result: null, cancel_requested: true };
    const { client, engine } = await clientFor({
      [`GET ${jobPath}`]: (_req, res) => sendJson(res, 200, jobStatus),
      [`POST ${jobPath}/cancel`]: (_req, res) => sendJson(res, 202, running),
    });
    expect(await client.getPrepareJob(J)).toEqual(jobStatus);
    expect(await client.cancelPrepareJob(J)).toEqual(running);
    expect(engine.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${jobPath}`, `POST ${jobPath}/cancel`]);
  });

  it('returns the DeleteResult of a blocked job delete (409) instead of throwing', async () => {
    const blocked = {
      dry_run: false,
      outcome: 'blocked',
      root: { kind: 'job', id: J, connections: null, runtime_id: null, blocked: 'active_tasks', children: [] },
    };
    const { client, engine } = await clientFor({ [`DELETE ${jobPath}`]: (_req, res) => sendJson(res, 409, blocked) });
    expect(await client.deletePrepareJob(J)).toEqual(blocked);
    expect(await client.deletePrepareJob(J, { force: true, dry_run: true })).toEqual(blocked);
    expect(engine.requests.map((r) => r.url)).toEqual([jobPath, `${jobPath}?force=true&dry_run=true`]);
  });

  it('throws the 404 of a job that is gone', async () => {
    const body = { code: 'not_found', message: 'job not found' };
    const { client } = await clientFor({ [`DELETE ${jobPath}`]: (_req, res) => sendJson(res, 404, body) });
    expect(await caught(client.deletePrepareJob(J))).toEqual({ ...body, details: undefined, issues: undefined, data: { status: 404, body } });
  });

  it('streams job events, heartbeats included, without a Range by default', async () => {
    const { client, engine } = await clientFor({ [`GET ${jobPath}/events`]: (_req, res) => sendNdjson(res, 200, jobEvents) });
    const stream = await client.prepareJobEvents(J);
    const seen: PrepareJobEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual(jobEvents);
    expect(engine.requests.map((r) => [r.headers.range, r.headers.accept])).toEqual([[undefined, 'application/x-ndjson']]);
  });

  it('sends Range: events=N- for fromSeq and events=N-M with toSeq', async () => {
    const { client, engine } = await clientFor({
      [`GET ${jobPath}/events`]: (_req, res) => sendNdjson(res, 206, jobEvents.slice(4), { 'content-range': 'events 3-4/5' }),
    });
    const stream = await client.prepareJobEvents(J, { fromSeq: 3 });
    const seen: PrepareJobEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect({ status: stream.status, contentRange: stream.contentRange, seen }).toEqual({
      status: 206,
      contentRange: 'events 3-4/5',
      seen: jobEvents.slice(4),
    });
    (await client.prepareJobEvents(J, { fromSeq: 2, toSeq: 3 })).close();
    expect(engine.requests.map((r) => r.headers.range)).toEqual(['events=3-', 'events=2-3']);
  });

  it('lists the tasks of a job', async () => {
    const { client, engine } = await clientFor({ 'GET /v1/tasks': (_req, res) => sendNdjson(res, 200, [taskEntry]) });
    expect(await client.listTasks({ job: J }, { ndjson: true })).toEqual([taskEntry]);
    expect(engine.requests.map((r) => [r.url, r.headers.accept])).toEqual([[`/v1/tasks?job=${J}`, 'application/x-ndjson']]);
  });
});

describe('eventsRange', () => {
  it('builds the Range value from fromSeq and toSeq', () => {
    expect(eventsRange(undefined)).toBeUndefined();
    expect(eventsRange({})).toBeUndefined();
    expect(eventsRange({ fromSeq: 0 })).toBe('events=0-');
    expect(eventsRange({ toSeq: 4 })).toBe('events=0-4');
    expect(eventsRange({ fromSeq: 4, toSeq: 4 })).toBe('events=4-4');
  });

  it('rejects negative, fractional and reversed bounds before sending anything', () => {
    expect(caughtSync(() => eventsRange({ fromSeq: -1 }))).toEqual({
      code: 'invalid_argument',
      message: 'fromSeq must be a non-negative integer, got -1',
      details: undefined,
      issues: [{ path: 'fromSeq', message: 'expected a non-negative integer' }],
      data: undefined,
    });
    expect(caughtSync(() => eventsRange({ fromSeq: 1, toSeq: 1.5 }))).toEqual({
      code: 'invalid_argument',
      message: 'toSeq must be a non-negative integer, got 1.5',
      details: undefined,
      issues: [{ path: 'toSeq', message: 'expected a non-negative integer' }],
      data: undefined,
    });
    expect(caughtSync(() => eventsRange({ fromSeq: 5, toSeq: 4 }))).toEqual({
      code: 'invalid_argument',
      message: 'toSeq (4) must not be below fromSeq (5)',
      details: undefined,
      issues: [{ path: 'toSeq', message: 'must be at least fromSeq' }],
      data: undefined,
    });
  });
});
