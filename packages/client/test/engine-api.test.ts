import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/sqlrs-client.js';
import { caught } from './caught.js';
import { routes, sendJson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import { TOKEN, engineInfo, health, openapi, shutdownAccepted } from './fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function engine(table: Record<string, FakeHandler>): Promise<FakeEngine> {
  fake = await startFakeEngine(routes(table));
  return fake;
}

describe('engine routes', () => {
  it('probes health without a token', async () => {
    const { endpoint, requests } = await engine({ 'GET /v1/health': (_req, res) => sendJson(res, 200, health) });
    expect(await createClient({ endpoint }).health()).toEqual(health);
    expect(requests.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('returns the 503 health body of a shutting-down engine instead of throwing', async () => {
    const dying = { ...health, ok: false };
    const { endpoint } = await engine({ 'GET /v1/health': (_req, res) => sendJson(res, 503, dying) });
    expect(await createClient({ endpoint, token: TOKEN }).health()).toEqual(dying);
  });

  it('throws for a 503 health answer that is not a HealthResponse', async () => {
    const body = { code: 'unavailable', message: 'engine is starting' };
    const { endpoint } = await engine({ 'GET /v1/health': (_req, res) => sendJson(res, 503, body) });
    expect(await caught(createClient({ endpoint }).health())).toEqual({
      ...body,
      details: undefined,
      issues: undefined,
      data: { status: 503, body },
    });
  });

  it('reads the engine info with the bearer token', async () => {
    const { endpoint, requests } = await engine({ 'GET /v1/engine': (_req, res) => sendJson(res, 200, engineInfo) });
    expect(await createClient({ endpoint, token: TOKEN }).engineInfo()).toEqual(engineInfo);
    expect(requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('turns a 401 into an unauthorized SqlrsError', async () => {
    const body = { code: 'unauthorized', message: 'missing or invalid bearer token' };
    const { endpoint } = await engine({
      'GET /v1/engine': (_req, res) => sendJson(res, 401, body, { 'www-authenticate': 'Bearer realm="sqlrs", error="invalid_token"' }),
    });
    expect(await caught(createClient({ endpoint, token: 'wrong' }).engineInfo())).toEqual({
      ...body,
      details: undefined,
      issues: undefined,
      data: { status: 401, body },
    });
  });

  it('asks for a shutdown with or without a body', async () => {
    const { endpoint, requests } = await engine({
      'POST /v1/engine/shutdown': (_req, res) => sendJson(res, 202, shutdownAccepted),
    });
    const client = createClient({ endpoint, token: TOKEN });
    expect(await client.shutdown({ drain: true, timeout_seconds: 60 })).toEqual(shutdownAccepted);
    expect(await client.shutdown()).toEqual(shutdownAccepted);
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/v1/engine/shutdown', '{"drain":true,"timeout_seconds":60}'],
      ['POST', '/v1/engine/shutdown', ''],
    ]);
  });

  it('returns the whole OpenAPI document', async () => {
    const { endpoint } = await engine({ 'GET /v1/openapi.json': (_req, res) => sendJson(res, 200, openapi) });
    expect(await createClient({ endpoint, token: TOKEN }).openapi()).toEqual(openapi);
  });

  it('returns the metrics text', async () => {
    const text = '# TYPE sqlrs_prepare_steps_total counter\nsqlrs_prepare_steps_total{kind="psql",cache="hit"} 14\n';
    const { endpoint, requests } = await engine({
      'GET /metrics': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(text);
      },
    });
    expect(await createClient({ endpoint, token: TOKEN }).metrics()).toBe(text);
    expect(requests.map((r) => [r.url, r.headers.accept, r.headers.authorization])).toEqual([
      ['/metrics', 'text/plain', `Bearer ${TOKEN}`],
    ]);
  });
});
