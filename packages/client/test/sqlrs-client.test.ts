import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/sqlrs-client.js';
import { routes, sendJson, sendNdjson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import {
  I,
  J,
  S1,
  TOKEN,
  blockedStateDelete,
  cacheStatus,
  deletedInstance,
  engineInfo,
  explain,
  health,
  instanceEntry,
  jobAccepted,
  jobEntry,
  jobEvents,
  jobStatus,
  nameEntry,
  openapi,
  runEvents,
  shutdownAccepted,
  stateEntry,
  taskEntry,
} from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const json =
  (status: number, body: unknown): FakeHandler =>
  (_req, res) =>
    sendJson(res, status, body);
const ndjson =
  (items: unknown[]): FakeHandler =>
  (_req, res) =>
    sendNdjson(res, 200, items);

/** Every route of api.md §2, answered with a canned payload. */
const engineRoutes: Record<string, FakeHandler> = {
  'GET /v1/health': json(200, health),
  'GET /v1/engine': json(200, engineInfo),
  'POST /v1/engine/shutdown': json(202, shutdownAccepted),
  'GET /v1/openapi.json': json(200, openapi),
  'GET /metrics': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('up 1\n');
  },
  'POST /v1/prepare-jobs': json(201, jobAccepted),
  'GET /v1/prepare-jobs': json(200, [jobEntry]),
  [`GET /v1/prepare-jobs/${J}`]: json(200, jobStatus),
  [`DELETE /v1/prepare-jobs/${J}`]: json(200, { ...deletedInstance, root: { ...deletedInstance.root, kind: 'job', id: J } }),
  [`POST /v1/prepare-jobs/${J}/cancel`]: json(200, jobStatus),
  [`GET /v1/prepare-jobs/${J}/events`]: ndjson(jobEvents),
  'GET /v1/tasks': json(200, [taskEntry]),
  'GET /v1/names': json(200, [nameEntry]),
  'GET /v1/names/dev': json(200, nameEntry),
  'GET /v1/instances': json(200, [instanceEntry]),
  [`GET /v1/instances/${I}`]: json(200, instanceEntry),
  [`DELETE /v1/instances/${I}`]: json(200, deletedInstance),
  [`POST /v1/instances/${I}/reset`]: json(200, instanceEntry),
  'GET /v1/states': json(200, [stateEntry]),
  [`GET /v1/states/${S1}`]: json(200, stateEntry),
  [`DELETE /v1/states/${S1}`]: json(409, blockedStateDelete),
  'POST /v1/runs': ndjson(runEvents),
  'GET /v1/cache/status': json(200, cacheStatus),
  'POST /v1/cache/explain/prepare': json(200, explain),
  'GET /v1/config': (req, res) => sendJson(res, 200, req.url.includes('path=') ? { path: 'log.level', value: 'info' } : {}),
  'PATCH /v1/config': json(200, { path: 'log.level', value: 'debug' }),
  'DELETE /v1/config': json(200, { path: 'log.level', value: 'info' }),
  'GET /v1/config/schema': json(200, { type: 'object' }),
};

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _item of stream) count += 1;
  return count;
}

describe('createClient', () => {
  it('keeps the endpoint as given', () => {
    expect(createClient({ endpoint: '127.0.0.1:54321', token: TOKEN }).endpoint).toBe('127.0.0.1:54321');
  });

  it('has one method per route of api.md §2, each sending the token', async () => {
    fake = await startFakeEngine(routes(engineRoutes));
    const client = createClient({ endpoint: fake.endpoint, token: TOKEN });
    const psql = { prepare_kind: 'psql', image_id: 'postgres:17' } as const;
    await client.health();
    await client.engineInfo();
    await client.shutdown();
    await client.openapi();
    await client.metrics();
    await client.submitPrepareJob(psql);
    await client.listPrepareJobs();
    await client.getPrepareJob(J);
    await client.deletePrepareJob(J);
    await client.cancelPrepareJob(J);
    expect(await drain(await client.prepareJobEvents(J))).toBe(jobEvents.length);
    await client.listTasks({ job: J });
    await client.listNames();
    await client.getName('dev');
    await client.listInstances();
    await client.getInstance(I);
    await client.deleteInstance(I);
    await client.resetInstance(I);
    await client.listStates();
    await client.getState(S1);
    await client.deleteState(S1);
    expect(await drain(await client.run({ instance_ref: I, kind: 'psql' }))).toBe(runEvents.length);
    await client.cacheStatus();
    await client.explainPrepare(psql);
    await client.getConfig();
    await client.getConfigValue('log.level');
    await client.setConfig({ path: 'log.level', value: 'debug' });
    await client.deleteConfig('log.level');
    await client.configSchema();
    const sent = fake.requests.map((r) => `${r.method} ${new URL(r.url, 'http://engine').pathname}`);
    expect(new Set(sent)).toEqual(new Set(Object.keys(engineRoutes)));
    expect(new Set(fake.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
  });
});
