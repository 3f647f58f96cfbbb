import type { CacheExplainPrepareRequest } from '@sqlrs/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/sqlrs-client.js';
import type { SqlrsClient } from '../src/sqlrs-client.js';
import { caught } from './caught.js';
import { sendJson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import { S1, TOKEN, blockedStateDelete, cacheStatus, explain, stateEntry } from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(handler: FakeHandler): Promise<{ client: SqlrsClient; engine: FakeEngine }> {
  fake = await startFakeEngine(handler);
  return { client: createClient({ endpoint: fake.endpoint, token: TOKEN }), engine: fake };
}

describe('state routes', () => {
  it('lists states with filters and gets one', async () => {
    const { client, engine } = await clientFor((req, res) =>
      req.url.startsWith('/v1/states/') ? sendJson(res, 200, stateEntry) : sendJson(res, 200, [stateEntry]),
    );
    expect(await client.listStates({ kind: 'psql', image: 'postgres:17', id_prefix: 'aaaaaaaa' })).toEqual([stateEntry]);
    expect(await client.getState(S1)).toEqual(stateEntry);
    expect(engine.requests.map((r) => r.url)).toEqual([
      '/v1/states?id_prefix=aaaaaaaa&kind=psql&image=postgres%3A17',
      `/v1/states/${S1}`,
    ]);
  });

  it('returns a blocked dry run (200) and a blocked delete (409) as the same tree', async () => {
    const { client, engine } = await clientFor((req, res) =>
      req.url.includes('dry_run=true')
        ? sendJson(res, 200, { ...blockedStateDelete, dry_run: true })
        : sendJson(res, 409, blockedStateDelete),
    );
    expect(await client.deleteState(S1, { recurse: true, dry_run: true })).toEqual({ ...blockedStateDelete, dry_run: true });
    expect(await client.deleteState(S1, { recurse: true })).toEqual(blockedStateDelete);
    expect(engine.requests.map((r) => [r.method, r.url])).toEqual([
      ['DELETE', `/v1/states/${S1}?recurse=true&dry_run=true`],
      ['DELETE', `/v1/states/${S1}?recurse=true`],
    ]);
  });

  it('rejects a 409 DeleteResult that does not match the contract', async () => {
    const body = { ...blockedStateDelete, outcome: 'stuck' };
    const { client } = await clientFor((_req, res) => sendJson(res, 409, body));
    expect(await caught(client.deleteState(S1))).toEqual({
      code: 'internal_error',
      message: `the engine's answer to DELETE /v1/states/${S1} is not a valid DeleteResult; use a client and engine of the same sqlrs version`,
      details: 'outcome: Invalid option: expected one of "deleted"|"would_delete"|"blocked"',
      issues: [{ path: 'outcome', message: 'Invalid option: expected one of "deleted"|"would_delete"|"blocked"' }],
      data: { status: 409, body },
    });
  });
});

describe('cache routes', () => {
  it('reads the cache status', async () => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, cacheStatus));
    expect(await client.cacheStatus()).toEqual(cacheStatus);
  });

  it('explains a prepare request', async () => {
    const { client, engine } = await clientFor((_req, res) => sendJson(res, 200, explain));
    const request: CacheExplainPrepareRequest = {
      prepare_kind: 'psql',
      image_id: 'postgres:17',
      psql_args: ['-f', '/w/app/schema.sql', '-c', 'select 2'],
    };
    expect(await client.explainPrepare(request)).toEqual(explain);
    expect(engine.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([['POST', '/v1/cache/explain/prepare', request]]);
  });

  it('rejects a cache status that does not match the contract', async () => {
    const body = { ...cacheStatus, snapshot_backend: 'overlay' };
    const { client } = await clientFor((_req, res) => sendJson(res, 200, body));
    expect(await caught(client.cacheStatus())).toEqual({
      code: 'internal_error',
      message: "the engine's answer to GET /v1/cache/status is not a valid CacheStatus; use a client and engine of the same sqlrs version",
      details: 'snapshot_backend: Invalid option: expected one of "btrfs"|"reflink"|"copy"',
      issues: [{ path: 'snapshot_backend', message: 'Invalid option: expected one of "btrfs"|"reflink"|"copy"' }],
      data: { status: 200, body },
    });
  });
});
