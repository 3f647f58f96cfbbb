import type { RunEvent } from '@sqlrs/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/sqlrs-client.js';
import type { SqlrsClient } from '../src/sqlrs-client.js';
import { caught } from './caught.js';
import { deferred, sendJson, sendNdjson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler, RecordedRequest } from './fake-engine.js';
import { I, S2, TOKEN, deletedInstance, instanceEntry, nameEntry, runEvents } from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(handler: FakeHandler): Promise<{ client: SqlrsClient; engine: FakeEngine }> {
  fake = await startFakeEngine(handler);
  return { client: createClient({ endpoint: fake.endpoint, token: TOKEN }), engine: fake };
}

/** Like api.md §5.3: a name under /v1/instances answers 307 to the id with the same sub-path and query. */
function instancesByName(serve: FakeHandler): FakeHandler {
  return (req, res) => {
    const prefix = '/v1/instances/dev';
    if (req.url.startsWith(prefix)) {
      res.writeHead(307, { location: `/v1/instances/${I}${req.url.slice(prefix.length)}` });
      res.end();
      return;
    }
    return serve(req, res);
  };
}

const seen = (requests: RecordedRequest[]): unknown[] =>
  requests.map((r) => ({ method: r.method, url: r.url, auth: r.headers.authorization, body: r.body }));

describe('name routes', () => {
  it('lists names with filters and gets one', async () => {
    const { client, engine } = await clientFor((req, res) =>
      req.url.startsWith('/v1/names/') ? sendJson(res, 200, nameEntry) : sendJson(res, 200, [nameEntry]),
    );
    expect(await client.listNames({ instance: I, state: S2, image: 'postgres:17' })).toEqual([nameEntry]);
    expect(await client.getName('dev')).toEqual(nameEntry);
    expect(engine.requests.map((r) => r.url)).toEqual([
      `/v1/names?instance=${I}&state=${S2}&image=postgres%3A17`,
      '/v1/names/dev',
    ]);
  });
});

describe('instance routes', () => {
  it('lists instances as NDJSON with filters', async () => {
    const { client, engine } = await clientFor((_req, res) => sendNdjson(res, 200, [instanceEntry]));
    expect(await client.listInstances({ id_prefix: '4BE1D2C3', state: S2 }, { ndjson: true })).toEqual([instanceEntry]);
    expect(engine.requests.map((r) => [r.url, r.headers.accept])).toEqual([
      [`/v1/instances?id_prefix=4BE1D2C3&state=${S2}`, 'application/x-ndjson'],
    ]);
  });

  it('gets an instance by name through the 307', async () => {
    const { client, engine } = await clientFor(instancesByName((_req, res) => sendJson(res, 200, instanceEntry)));
    expect(await client.getInstance('dev')).toEqual(instanceEntry);
    expect(seen(engine.requests)).toEqual([
      { method: 'GET', url: '/v1/instances/dev', auth: `Bearer ${TOKEN}`, body: '' },
      { method: 'GET', url: `/v1/instances/${I}`, auth: `Bearer ${TOKEN}`, body: '' },
    ]);
  });

  it('deletes by name through the 307 and returns a blocked tree from the 409', async () => {
    const blocked = {
      dry_run: false,
      outcome: 'blocked',
      root: { kind: 'instance', id: I, connections: 2, runtime_id: 'e3f1', blocked: 'active_connections', children: [] },
    };
    const { client, engine } = await clientFor(
      instancesByName((req, res) => sendJson(res, req.url.includes('force=true') ? 200 : 409, req.url.includes('force=true') ? deletedInstance : blocked)),
    );
    expect(await client.deleteInstance('dev')).toEqual(blocked);
    expect(await client.deleteInstance('dev', { force: true })).toEqual(deletedInstance);
    expect(seen(engine.requests)).toEqual([
      { method: 'DELETE', url: '/v1/instances/dev', auth: `Bearer ${TOKEN}`, body: '' },
      { method: 'DELETE', url: `/v1/instances/${I}`, auth: `Bearer ${TOKEN}`, body: '' },
      { method: 'DELETE', url: '/v1/instances/dev?force=true', auth: `Bearer ${TOKEN}`, body: '' },
      { method: 'DELETE', url: `/v1/instances/${I}?force=true`, auth: `Bearer ${TOKEN}`, body: '' },
    ]);
  });

  it('throws a 409 conflict whose body is an ErrorResponse, not a DeleteResult', async () => {
    const body = { code: 'conflict', message: 'instance busy' };
    const { client } = await clientFor((_req, res) => sendJson(res, 409, body));
    expect(await caught(client.deleteInstance(I))).toEqual({ ...body, details: undefined, issues: undefined, data: { status: 409, body } });
  });

  it('resets by name through the 307 keeping method, query, body and Authorization', async () => {
    const reset = { ...instanceEntry, reset_count: 1, last_reset_at: instanceEntry.created_at };
    const { client, engine } = await clientFor(instancesByName((_req, res) => sendJson(res, 200, reset)));
    expect(await client.resetInstance('dev', { ttl_seconds: 60 }, { force: true })).toEqual(reset);
    expect(await client.resetInstance(I)).toEqual(reset);
    expect(seen(engine.requests)).toEqual([
      { method: 'POST', url: '/v1/instances/dev/reset?force=true', auth: `Bearer ${TOKEN}`, body: '{"ttl_seconds":60}' },
      { method: 'POST', url: `/v1/instances/${I}/reset?force=true`, auth: `Bearer ${TOKEN}`, body: '{"ttl_seconds":60}' },
      { method: 'POST', url: `/v1/instances/${I}/reset`, auth: `Bearer ${TOKEN}`, body: '{}' },
    ]);
  });

  it('turns a capacity error into a SqlrsError with its JSON details', async () => {
    const body = {
      code: 'cache_limit_too_small',
      message: 'the clone does not fit under cache.capacity.maxBytes; raise it',
      details: '{"phase":"reset","recommended_min_bytes":1024}',
    };
    const { client } = await clientFor((_req, res) => sendJson(res, 507, body));
    expect(await caught(client.resetInstance(I))).toEqual({ ...body, issues: undefined, data: { status: 507, body } });
  });
});

describe('runs', () => {
  it('posts the run and streams its events', async () => {
    const { client, engine } = await clientFor((_req, res) => sendNdjson(res, 200, runEvents));
    const stream = await client.run({ instance_ref: 'dev', kind: 'psql', args: ['-c', 'select 1/0'] });
    const events: RunEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual(runEvents);
    expect(engine.requests.map((r) => [r.method, r.url, r.headers.accept, JSON.parse(r.body)])).toEqual([
      ['POST', '/v1/runs', 'application/x-ndjson', { instance_ref: 'dev', kind: 'psql', args: ['-c', 'select 1/0'] }],
    ]);
  });

  it('throws errors the engine answers before the stream starts', async () => {
    const body = { code: 'conflict', message: 'instance expired; prepare a new one' };
    const { client } = await clientFor((_req, res) => sendJson(res, 409, body));
    expect(await caught(client.run({ instance_ref: 'dev', kind: 'psql' }))).toEqual({
      ...body,
      details: undefined,
      issues: undefined,
      data: { status: 409, body },
    });
  });

  it('disconnects when the caller stops reading, so the engine stops the tool', async () => {
    const disconnected = deferred();
    const { client } = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify(runEvents[0])}\n`);
      res.on('close', () => disconnected.resolve());
    });
    const events: RunEvent[] = [];
    for await (const event of await client.run({ instance_ref: 'dev', kind: 'pgbench', args: ['-T', '600'] })) {
      events.push(event);
      break;
    }
    await disconnected.promise;
    expect(events).toEqual([runEvents[0]]);
  });
});
