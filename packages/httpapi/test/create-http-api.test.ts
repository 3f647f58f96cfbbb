// Cross-cutting rules of api.md §1: processing order, auth, routing, errors, request ids.
import { describe, expect, it } from 'vitest';
import { AUTH, IDENTITY, harness } from './harness.js';

const concrete = (template: string): string =>
  template
    .replace(':state_id', 'a'.repeat(64))
    .replace(':job_id', 'b'.repeat(32))
    .replace(':id_or_name', 'c'.repeat(32))
    .replace(':name', 'dev');

describe('authentication (api.md §1.4)', () => {
  it('answers 401 JSON with a challenge on every route but health, for every method', async () => {
    const h = harness();
    const routes = h.api.routes.filter((r) => r.path !== '/v1/health');
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const res = await h.request(r.method, concrete(r.path), { auth: false });
      expect({ route: `${r.method} ${r.path}`, status: res.status, challenge: res.headers.get('www-authenticate') }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        challenge: 'Bearer realm="sqlrs"',
      });
      expect(await res.json()).toEqual({ code: 'unauthorized', message: 'missing or invalid bearer token' });
    }
  });

  it('answers 401 before 404 and 405, and names an invalid token in the challenge', async () => {
    const h = harness();
    const unknown = await h.request('GET', '/v1/nope', { headers: { Authorization: 'Bearer wrong' } });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="sqlrs", error="invalid_token"');
    expect((await h.request('PUT', '/v1/states', { auth: false })).status).toBe(401);
  });

  it('accepts the scheme in any case with extra spaces, never a token in the query', async () => {
    const h = harness();
    const token = AUTH.Authorization.slice('Bearer '.length);
    expect((await h.request('GET', '/v1/states', { auth: false, headers: { Authorization: `  bearer   ${token} ` } })).status).toBe(200);
    expect((await h.request('GET', `/v1/states?access_token=${token}`, { auth: false })).status).toBe(401);
  });

  it('exempts /v1/health for every method', async () => {
    const h = harness();
    const health = await h.request('GET', '/v1/health', { auth: false });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, ...IDENTITY });
    const post = await h.request('POST', '/v1/health', { auth: false });
    expect({ status: post.status, allow: post.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, HEAD' });
  });
});

describe('routing (api.md §1.2, §1.3)', () => {
  it('answers an unknown route with a JSON 404 naming it', async () => {
    const h = harness();
    const res = await h.request('GET', '/v1/foo');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ code: 'not_found', message: 'no route for GET /v1/foo' });
  });

  it.each(['/v1/states/', '/V1/states', `/v1/states/${'a'.repeat(30)}%2F${'a'.repeat(33)}`, '/v1/states/x/y'])(
    'matches nothing for %s',
    async (path) => {
      const res = await harness().request('GET', path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    },
  );

  it('answers a known path with another method 405 and Allow', async () => {
    const h = harness();
    const res = await h.request('PUT', '/v1/prepare-jobs');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await res.json()).toEqual({ code: 'method_not_allowed', message: 'method PUT is not allowed; use GET, HEAD, POST' });
    const config = await h.request('POST', '/v1/config');
    expect(config.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('serves HEAD wherever GET works, without a body', async () => {
    const res = await harness().request('HEAD', '/v1/states');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('');
  });

  it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
    const h = harness();
    const given = await h.request('GET', '/v1/states', { headers: { 'X-Request-Id': 'abc.DEF_1-2' } });
    expect(given.headers.get('x-request-id')).toBe('abc.DEF_1-2');
    const bad = await h.request('GET', '/v1/nope', { headers: { 'X-Request-Id': 'has space' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^req-\d+$/);
    const unauth = await h.request('GET', '/v1/states', { auth: false });
    expect(unauth.headers.get('x-request-id')).toMatch(/^req-\d+$/);
  });

  it('sends no CORS headers', async () => {
    const res = await harness().request('GET', '/v1/states', { headers: { Origin: 'http://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers routes of later work with a 503 that says so', async () => {
    const h = harness();
    const res = await h.request('GET', '/v1/cache/status');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: 'unavailable', message: 'GET /v1/cache/status is not implemented in this build' });
  });
});
