// End to end through the built engine binary: discovery, auth on every route, documented shapes,
// bad input, the store lock, and every way the engine stops.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient } from '@sqlrs/client';
import { SqlrsError } from '@sqlrs/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiValidator } from './openapi-validator.js';
import { assertBuilt, spawnEngine, tempStore, waitForEngineJson } from './engine-process.js';
import type { EngineJson, EngineProcess } from './engine-process.js';

const UNAUTHORIZED = { code: 'unauthorized', message: 'missing or invalid bearer token' };

/** A request that exercises each route, and the status it must get in this build. */
const SWEEP: Record<string, { path: string; status: number; body?: unknown }> = {
  'GET /v1/health': { path: '/v1/health', status: 200 },
  'POST /v1/engine/shutdown': { path: '/v1/engine/shutdown', status: 202 },
  'GET /v1/engine': { path: '/v1/engine', status: 200 },
  'GET /v1/openapi.json': { path: '/v1/openapi.json', status: 200 },
  'GET /metrics': { path: '/metrics', status: 200 },
  'POST /v1/prepare-jobs': {
    path: '/v1/prepare-jobs',
    status: 201,
    body: { prepare_kind: 'psql', image_id: 'sqlrs-test/postgres:15', plan_only: true },
  },
  'GET /v1/prepare-jobs': { path: '/v1/prepare-jobs', status: 200 },
  'GET /v1/prepare-jobs/{job_id}': { path: `/v1/prepare-jobs/${'b'.repeat(32)}`, status: 404 },
  'DELETE /v1/prepare-jobs/{job_id}': { path: `/v1/prepare-jobs/${'b'.repeat(32)}`, status: 404 },
  'POST /v1/prepare-jobs/{job_id}/cancel': { path: `/v1/prepare-jobs/${'b'.repeat(32)}/cancel`, status: 404 },
  'GET /v1/prepare-jobs/{job_id}/events': { path: `/v1/prepare-jobs/${'b'.repeat(32)}/events`, status: 404 },
  'GET /v1/tasks': { path: '/v1/tasks', status: 200 },
  'GET /v1/names': { path: '/v1/names', status: 200 },
  'GET /v1/names/{name}': { path: '/v1/names/dev', status: 404 },
  'GET /v1/instances': { path: '/v1/instances', status: 200 },
  'GET /v1/instances/{id_or_name}': { path: `/v1/instances/${'c'.repeat(32)}`, status: 404 },
  'DELETE /v1/instances/{id_or_name}': { path: '/v1/instances/dev', status: 404 },
  'POST /v1/instances/{id_or_name}/reset': { path: '/v1/instances/dev/reset', status: 404, body: {} },
  'GET /v1/states': { path: '/v1/states', status: 200 },
  'GET /v1/states/{state_id}': { path: `/v1/states/${'a'.repeat(64)}`, status: 404 },
  'DELETE /v1/states/{state_id}': { path: `/v1/states/${'a'.repeat(64)}`, status: 404 },
  'POST /v1/runs': { path: '/v1/runs', status: 404, body: { instance_ref: 'dev', kind: 'psql' } },
  'GET /v1/cache/status': { path: '/v1/cache/status', status: 200 },
  'POST /v1/cache/explain/prepare': {
    path: '/v1/cache/explain/prepare',
    status: 200,
    body: { prepare_kind: 'psql', image_id: 'sqlrs-test/postgres:15' },
  },
  'GET /v1/config': { path: '/v1/config', status: 200 },
  'PATCH /v1/config': { path: '/v1/config', status: 200, body: { path: 'log.level', value: 'debug' } },
  'DELETE /v1/config': { path: '/v1/config?path=log.level', status: 200 },
  'GET /v1/config/schema': { path: '/v1/config/schema', status: 200 },
};

describe('sqlrs-engine binary', () => {
  let store: string;
  let engine: EngineProcess;
  let info: EngineJson;
  let base: string;
  let auth: Record<string, string>;
  let validator: OpenApiValidator;

  const call = (method: string, p: string, o: { body?: unknown; headers?: Record<string, string>; token?: boolean } = {}) =>
    fetch(base + p, {
      method,
      headers: { ...(o.token === false ? {} : auth), ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
      redirect: 'manual',
    });

  beforeAll(async () => {
    assertBuilt();
    store = tempStore();
    engine = spawnEngine(store);
    info = await waitForEngineJson(engine);
    base = `http://${info.endpoint}`;
    auth = { Authorization: `Bearer ${info.authToken}` };
    validator = new OpenApiValidator((await (await call('GET', '/v1/openapi.json')).json()) as Record<string, unknown>);
  });

  afterAll(async () => {
    if (engine.child.exitCode === null) {
      engine.child.kill('SIGKILL');
      await engine.exit;
    }
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('writes engine.json with mode 0600 and the api.md fields', () => {
    expect(fs.statSync(engine.engineJsonPath).mode & 0o777).toBe(0o600);
    expect(info).toEqual({
      endpoint: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      pid: engine.child.pid,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      authToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      version: '0.1.0',
      instanceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('answers health without a token, echoing engine.json', async () => {
    const res = await call('GET', '/v1/health', { token: false });
    const body = await res.json();
    validator.check('GET', '/v1/health', 200, body);
    expect(body).toEqual({ ok: true, version: '0.1.0', instanceId: info.instanceId, pid: info.pid, startedAt: info.startedAt });
  });

  it('reports the runtime and snapshot backend it resolved at startup', async () => {
    const res = await call('GET', '/v1/engine');
    const body = (await res.json()) as Record<string, any>;
    validator.check('GET', '/v1/engine', 200, body);
    expect(body).toMatchObject({ instance_id: info.instanceId, pid: info.pid, store_root: store, snapshot_backend: 'copy' });
    expect(['docker', 'process']).toContain(body.runtime.kind);
    if (process.env.CI === 'true') expect(body.runtime).toMatchObject({ ok: true, reason: null });
  });

  it('sweeps exactly the documented routes', () => {
    const documented = validator.operations().map((o) => `${o.method} ${o.path}`);
    expect(documented.sort()).toEqual(Object.keys(SWEEP).sort());
  });

  it('answers every authenticated route 401 JSON without a token', async () => {
    for (const [op, req] of Object.entries(SWEEP)) {
      const method = op.split(' ')[0] as string;
      if (req.path === '/v1/health') continue;
      const res = await call(method, req.path, { token: false, ...(req.body !== undefined ? { body: req.body } : {}) });
      expect({ op, status: res.status, challenge: res.headers.get('www-authenticate') }).toEqual({
        op,
        status: 401,
        challenge: 'Bearer realm="sqlrs"',
      });
      expect(await res.json()).toEqual(UNAUTHORIZED);
    }
  });

  it('answers every route with its documented status and shape when the token is sent', async () => {
    for (const [op, req] of Object.entries(SWEEP)) {
      const [method, template] = op.split(' ') as [string, string];
      if (template === '/v1/engine/shutdown') continue; // the last test shuts the engine down
      const res = await call(method, req.path, req.body !== undefined ? { body: req.body } : {});
      expect({ op, status: res.status }).toEqual({ op, status: req.status });
      if (template === '/metrics') {
        expect(await res.text()).toContain('sqlrs_http_requests_total');
      } else if (res.status === 503) {
        const body = (await res.json()) as { code: string; message: string };
        expect(body).toEqual({ code: 'unavailable', message: expect.stringMatching(/ is not implemented in this build$/) });
      } else if (template === '/v1/openapi.json' || template === '/v1/config/schema') {
        expect(typeof (await res.json())).toBe('object');
      } else {
        validator.check(method, template, res.status, await res.json());
      }
    }
  });

  it.each([
    ['PATCH', '/v1/config', '{"path": ', 400, 'invalid json payload'],
    ['PATCH', '/v1/config', '{"path":"log.level","value":"loud"}', 400, 'invalid config value'],
    ['PATCH', '/v1/config', '{"path":"log.level","value":"info","extra":1}', 400, 'unknown field "extra"'],
    ['PATCH', '/v1/config', '{"path":7,"value":"info"}', 400, 'path must be a string'],
    ['GET', '/v1/states?id_prefix=abc', undefined, 400, 'invalid id_prefix'],
    ['GET', '/v1/states?kind=sql', undefined, 400, 'invalid kind'],
    ['GET', '/v1/instances?state=xyz', undefined, 400, 'invalid state'],
    ['GET', '/v1/names?instance=xyz', undefined, 400, 'invalid instance'],
    ['GET', '/v1/config?effective=perhaps', undefined, 400, 'invalid effective'],
    ['POST', '/v1/engine/shutdown', '{"timeout_seconds":-1}', 400, 'timeout_seconds: expected 0..3600 seconds'],
  ])('rejects %s %s %s with %i %s, never a 500', async (method, p, body, status, message) => {
    const res = await call(method, p, body !== undefined ? { body } : {});
    expect(res.status).toBe(status);
    const json = (await res.json()) as { code: string; message: string };
    expect({ code: json.code, message: json.message }).toEqual({ code: 'invalid_argument', message });
    validator.check('GET', '/v1/states/{state_id}', 404, json);
  });

  it('refuses an oversize body with 413 from Content-Length', async () => {
    const res = await call('PATCH', '/v1/config', { body: JSON.stringify({ path: 'log.level', value: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload_too_large');
  });

  it('is driven by the typed client: lists, config, typed errors', async () => {
    const client = createClient({ endpoint: info.endpoint, token: info.authToken });
    expect(await client.health()).toEqual({ ok: true, version: '0.1.0', instanceId: info.instanceId, pid: info.pid, startedAt: info.startedAt });
    expect(await client.listStates()).toEqual([]);
    expect(await client.listInstances({}, { ndjson: true })).toEqual([]);
    expect(await client.setConfig({ path: 'orchestrator.jobs.maxConcurrent', value: 3 })).toEqual({
      path: 'orchestrator.jobs.maxConcurrent',
      value: 3,
      restart_required: false,
    });
    expect(await client.getConfigValue('orchestrator.jobs.maxConcurrent')).toEqual({ path: 'orchestrator.jobs.maxConcurrent', value: 3 });
    expect(await client.deleteConfig('orchestrator.jobs.maxConcurrent')).toEqual({
      path: 'orchestrator.jobs.maxConcurrent',
      value: 2,
      restart_required: false,
    });
    const missing = await client.getState('a'.repeat(64)).catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(SqlrsError);
    expect({ code: (missing as SqlrsError).code, message: (missing as SqlrsError).message }).toEqual({
      code: 'not_found',
      message: 'state not found',
    });
    const unauthorized = await createClient({ endpoint: info.endpoint, token: '0'.repeat(64) })
      .listStates()
      .catch((err: unknown) => err);
    expect((unauthorized as SqlrsError).code).toBe('unauthorized');
  });

  it('refuses a second engine on the same store, naming the first', async () => {
    const second = spawnEngine(store);
    const { code } = await second.exit;
    expect(code).toBe(3);
    expect(second.stderr()).toContain(`state store ${store} is in use by engine pid ${info.pid} (${info.endpoint}); stop it or use --state-store`);
    expect(JSON.parse(fs.readFileSync(engine.engineJsonPath, 'utf8'))).toEqual(info);
  });

  it('shuts down through the endpoint: engine.json gone, lock released, data kept', async () => {
    expect((await call('PATCH', '/v1/config', { body: { path: 'snapshot.backend', value: 'copy' } })).status).toBe(200);
    const res = await call('POST', '/v1/engine/shutdown', { body: { drain: true, timeout_seconds: 5 } });
    expect(res.status).toBe(202);
    const accepted = await res.json();
    validator.check('POST', '/v1/engine/shutdown', 202, accepted);
    expect(accepted).toMatchObject({ status: 'shutting_down', drain: true, running_jobs: 0 });
    expect(await engine.exit).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(engine.engineJsonPath)).toBe(false);
    expect(fs.existsSync(path.join(store, 'engine.lock'))).toBe(false);

    const next = spawnEngine(store);
    const nextInfo = await waitForEngineJson(next);
    expect(nextInfo.instanceId).not.toBe(info.instanceId);
    const config = await fetch(`http://${nextInfo.endpoint}/v1/config`, { headers: { Authorization: `Bearer ${nextInfo.authToken}` } });
    expect(await config.json()).toEqual({ snapshot: { backend: 'copy' } });
    next.child.kill('SIGTERM');
    expect(await next.exit).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(next.engineJsonPath)).toBe(false);
    expect(fs.existsSync(path.join(store, 'engine.lock'))).toBe(false);
  });
});

describe('sqlrs-engine lifecycle', () => {
  it('takes over the stale lock of a killed engine', async () => {
    assertBuilt();
    const store = tempStore();
    const first = spawnEngine(store);
    await waitForEngineJson(first);
    first.child.kill('SIGKILL');
    await first.exit;
    expect(fs.existsSync(path.join(store, 'engine.lock'))).toBe(true);
    const second = spawnEngine(store);
    const info = await waitForEngineJson(second);
    expect(info.pid).toBe(second.child.pid);
    second.child.kill('SIGINT');
    expect(await second.exit).toEqual({ code: 0, signal: null });
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('exits on its own after the idle timeout', async () => {
    const store = tempStore();
    const engine = spawnEngine(store, ['--idle-timeout=1s']);
    await waitForEngineJson(engine);
    const started = Date.now();
    expect(await engine.exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.existsSync(engine.engineJsonPath)).toBe(false);
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('refuses to start when the configured snapshot backend does not work on the store', async () => {
    const store = tempStore();
    fs.writeFileSync(path.join(store, 'config.json'), JSON.stringify({ snapshot: { backend: 'btrfs' } }), { mode: 0o600 });
    const engine = spawnEngine(store);
    expect((await engine.exit).code).toBe(3);
    expect(engine.stderr()).toMatch(/snapshot backend btrfs: .*\(config snapshot\.backend=btrfs\)/);
    expect(fs.existsSync(path.join(store, 'engine.lock'))).toBe(false);
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('refuses a non-loopback --listen with exit code 2', async () => {
    const store = tempStore();
    const engine = spawnEngine(store, ['--listen=0.0.0.0:0']);
    expect((await engine.exit).code).toBe(2);
    expect(engine.stderr()).toContain('--listen host 0.0.0.0 is not a loopback address');
    fs.rmSync(store, { recursive: true, force: true });
  });
});
