import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../src/http-transport.js';
import { caught, caughtSync } from './caught.js';
import { deferred, sendJson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine } from './fake-engine.js';
import { I, TOKEN } from './fixtures.js';

const engines: FakeEngine[] = [];
async function engine(...args: Parameters<typeof startFakeEngine>): Promise<FakeEngine> {
  const started = await startFakeEngine(...args);
  engines.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

/** Redirects `/v1/instances/dev[/…]` to the id, keeping sub-path and query, like api.md §5.3. */
async function redirectingEngine(): Promise<FakeEngine> {
  return engine((req, res) => {
    const prefix = '/v1/instances/dev';
    if (req.url.startsWith(prefix)) {
      res.writeHead(307, { location: `/v1/instances/${I}${req.url.slice(prefix.length)}` });
      res.end();
      return;
    }
    sendJson(res, 200, { seen: req.url });
  });
}

describe('HttpTransport', () => {
  it('sends the bearer token, Accept and a JSON body', async () => {
    const fake = await engine((_req, res) => sendJson(res, 201, { ok: 1 }, { 'x-request-id': 'abc' }));
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    const response = await transport.request({ method: 'POST', path: '/v1/prepare-jobs', query: { force: true }, body: { a: [1] } });
    expect({ request: response.request, status: response.status, text: response.text, id: response.headers.get('x-request-id') }).toEqual({
      request: 'POST /v1/prepare-jobs',
      status: 201,
      text: '{"ok":1}',
      id: 'abc',
    });
    const [seen] = fake.requests;
    expect({
      method: seen?.method,
      url: seen?.url,
      authorization: seen?.headers.authorization,
      accept: seen?.headers.accept,
      contentType: seen?.headers['content-type'],
      body: seen?.body,
    }).toEqual({
      method: 'POST',
      url: '/v1/prepare-jobs?force=true',
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      contentType: 'application/json',
      body: '{"a":[1]}',
    });
  });

  it('rejects a token that cannot be sent in a header and a negative timeout', () => {
    expect(caughtSync(() => new HttpTransport({ endpoint: '127.0.0.1:1', token: 'two words' }))).toEqual({
      code: 'invalid_argument',
      message: 'invalid token; pass authToken from engine.json (printable characters, no spaces)',
      details: undefined,
      issues: [{ path: 'token', message: 'expected a non-empty token of printable ASCII characters' }],
      data: undefined,
    });
    expect(caughtSync(() => new HttpTransport({ endpoint: '127.0.0.1:1', timeoutMs: -1 }))).toEqual({
      code: 'invalid_argument',
      message: 'invalid timeoutMs -1; pass a number of milliseconds, or 0 for no timeout',
      details: undefined,
      issues: [{ path: 'timeoutMs', message: 'expected a finite number >= 0' }],
      data: undefined,
    });
  });

  it('sends no Authorization header without a token and no Content-Type without a body', async () => {
    const fake = await engine((_req, res) => sendJson(res, 200, {}));
    await new HttpTransport({ endpoint: `http://${fake.endpoint}/` }).request({ method: 'GET', path: '/v1/health' });
    expect(fake.requests.map((r) => [r.headers.authorization, r.headers['content-type']])).toEqual([[undefined, undefined]]);
  });

  it('follows a same-origin 307 keeping method, body, query and Authorization', async () => {
    const fake = await redirectingEngine();
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    const response = await transport.request({ method: 'POST', path: '/v1/instances/dev/reset', query: { force: true }, body: { ttl_seconds: 60 } });
    expect(JSON.parse(response.text)).toEqual({ seen: `/v1/instances/${I}/reset?force=true` });
    expect(fake.requests.map((r) => ({ method: r.method, url: r.url, auth: r.headers.authorization, body: r.body }))).toEqual([
      { method: 'POST', url: '/v1/instances/dev/reset?force=true', auth: `Bearer ${TOKEN}`, body: '{"ttl_seconds":60}' },
      { method: 'POST', url: `/v1/instances/${I}/reset?force=true`, auth: `Bearer ${TOKEN}`, body: '{"ttl_seconds":60}' },
    ]);
  });

  it('gives the same result when the fetch implementation follows redirects itself', async () => {
    const fake = await redirectingEngine();
    const following: typeof fetch = (input, init) => globalThis.fetch(input, { ...init, redirect: 'follow' });
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN, fetch: following });
    const response = await transport.request({ method: 'DELETE', path: '/v1/instances/dev', query: { dry_run: true } });
    expect(JSON.parse(response.text)).toEqual({ seen: `/v1/instances/${I}?dry_run=true` });
    expect(fake.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['DELETE', '/v1/instances/dev?dry_run=true', `Bearer ${TOKEN}`],
      ['DELETE', `/v1/instances/${I}?dry_run=true`, `Bearer ${TOKEN}`],
    ]);
  });

  it('refuses to follow a redirect to another origin, so the token stays with the engine', async () => {
    const other = await engine((_req, res) => sendJson(res, 200, {}));
    const fake = await engine((_req, res) => {
      res.writeHead(307, { location: `http://${other.endpoint}/v1/instances/x` });
      res.end();
    });
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    expect(await caught(transport.request({ method: 'GET', path: '/v1/instances/dev' }))).toEqual({
      code: 'internal_error',
      message: `GET /v1/instances/dev was redirected to http://${other.endpoint}; the client sends the token only to http://${fake.endpoint}, check the endpoint`,
      details: undefined,
      issues: undefined,
      data: undefined,
    });
    expect(other.requests).toEqual([]);
  });

  it('stops after five redirects', async () => {
    const fake = await engine((req, res) => {
      res.writeHead(307, { location: `${req.url}x` });
      res.end();
    });
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    expect(await caught(transport.request({ method: 'GET', path: '/v1/names/a' }))).toEqual({
      code: 'internal_error',
      message: 'GET /v1/names/a was redirected more than 5 times; check the engine',
      details: 'last Location: /v1/names/axxxxxx',
      issues: undefined,
      data: undefined,
    });
    expect(fake.requests).toHaveLength(6);
  });

  it('reports an engine that is not listening as unavailable', async () => {
    const fake = await startFakeEngine((_req, res) => sendJson(res, 200, {}));
    await fake.close();
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    expect(await caught(transport.request({ method: 'GET', path: '/v1/health' }))).toEqual({
      code: 'unavailable',
      message: `engine is not reachable at ${fake.endpoint}; check that the engine is running and that engine.json is current, then retry`,
      details: `connect ECONNREFUSED ${fake.endpoint}`,
      issues: undefined,
      data: undefined,
    });
  });

  it('reports a call the engine does not answer within timeoutMs as unavailable', async () => {
    const fake = await engine(() => undefined);
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN, timeoutMs: 50 });
    expect(await caught(transport.request({ method: 'GET', path: '/v1/engine' }))).toEqual({
      code: 'unavailable',
      message: `the engine at ${fake.endpoint} did not answer GET /v1/engine within 50 ms; check that it is running and responsive, or raise timeoutMs`,
      details: undefined,
      issues: undefined,
      data: undefined,
    });
  });

  it('turns a caller abort into cancelled', async () => {
    const fake = await engine(() => undefined);
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    const controller = new AbortController();
    const pending = transport.request({ method: 'GET', path: '/v1/engine', signal: controller.signal });
    controller.abort();
    expect(await caught(pending)).toEqual({
      code: 'cancelled',
      message: 'GET /v1/engine was aborted by the caller',
      details: undefined,
      issues: undefined,
      data: undefined,
    });
  });

  it('streams chunks as they arrive and closes the connection when the reader stops', async () => {
    const closed = deferred();
    const fake = await engine((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('first\n');
      res.on('close', () => closed.resolve());
    });
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN, timeoutMs: 50 });
    const response = await transport.stream({ method: 'GET', path: '/v1/prepare-jobs/x/events' });
    const chunks: string[] = [];
    for await (const chunk of response.body) {
      chunks.push(new TextDecoder().decode(chunk));
      break;
    }
    await closed.promise;
    expect(chunks).toEqual(['first\n']);
  });

  it('reports a stream whose connection drops as unavailable', async () => {
    const fake = await engine((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('first\n', () => setTimeout(() => res.destroy(), 20));
    });
    const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN });
    const response = await transport.stream({ method: 'GET', path: '/v1/prepare-jobs/x/events' });
    const read = async (): Promise<number> => {
      let count = 0;
      for await (const chunk of response.body) count += chunk.length;
      return count;
    };
    expect(await caught(read())).toEqual({
      code: 'unavailable',
      message: `the connection to the engine at ${fake.endpoint} was lost during GET /v1/prepare-jobs/x/events; check that the engine is still running, then retry`,
      details: 'other side closed',
      issues: undefined,
      data: undefined,
    });
  });
});
