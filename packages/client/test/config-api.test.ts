import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/sqlrs-client.js';
import type { SqlrsClient } from '../src/sqlrs-client.js';
import { caught } from './caught.js';
import { sendJson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import { TOKEN } from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(handler: FakeHandler): Promise<{ client: SqlrsClient; engine: FakeEngine }> {
  fake = await startFakeEngine(handler);
  return { client: createClient({ endpoint: fake.endpoint, token: TOKEN }), engine: fake };
}

describe('config routes', () => {
  it('reads the whole config and one value', async () => {
    const overrides = { snapshot: { backend: 'copy' } };
    const value = { path: 'cache.capacity.minStateAge', value: '10m' };
    const { client, engine } = await clientFor((req, res) => sendJson(res, 200, req.url.includes('path=') ? value : overrides));
    expect(await client.getConfig()).toEqual(overrides);
    expect(await client.getConfig({ effective: true })).toEqual(overrides);
    expect(await client.getConfigValue('cache.capacity.minStateAge', { effective: true })).toEqual(value);
    expect(engine.requests.map((r) => r.url)).toEqual([
      '/v1/config',
      '/v1/config?effective=true',
      '/v1/config?path=cache.capacity.minStateAge&effective=true',
    ]);
  });

  it('sets and deletes a value', async () => {
    const stored = { path: 'snapshot.backend', value: 'copy', restart_required: true };
    const { client, engine } = await clientFor((_req, res) => sendJson(res, 200, stored));
    expect(await client.setConfig({ path: 'snapshot.backend', value: 'copy' })).toEqual(stored);
    expect(await client.deleteConfig('snapshot.backend')).toEqual(stored);
    expect(engine.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PATCH', '/v1/config', '{"path":"snapshot.backend","value":"copy"}'],
      ['DELETE', '/v1/config?path=snapshot.backend', ''],
    ]);
  });

  it('turns a rejected value into a SqlrsError with its details', async () => {
    const body = {
      code: 'invalid_argument',
      message: 'invalid config value',
      details: 'lowWatermark must be below highWatermark (0.9)',
    };
    const { client } = await clientFor((_req, res) => sendJson(res, 400, body));
    expect(await caught(client.setConfig({ path: 'cache.capacity.lowWatermark', value: 0.95 }))).toEqual({
      ...body,
      issues: undefined,
      data: { status: 400, body },
    });
  });

  it('reads the config JSON Schema', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: {} };
    const { client, engine } = await clientFor((_req, res) => sendJson(res, 200, schema));
    expect(await client.configSchema()).toEqual(schema);
    expect(engine.requests.map((r) => r.url)).toEqual(['/v1/config/schema']);
  });
});
