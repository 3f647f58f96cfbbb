import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { bearerAuth } from '../src/index.js';

const TOKEN = 'cd'.repeat(32);

function app(): Hono {
  const hono = new Hono();
  hono.use(bearerAuth({ token: TOKEN, exempt: (c) => c.req.path === '/v1/health' }));
  hono.get('/v1/health', (c) => c.json({ ok: true }));
  hono.get('/v1/states', (c) => c.json([]));
  return hono;
}

async function summary(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    challenge: response.headers.get('www-authenticate'),
    body: await response.json(),
  };
}

describe('bearerAuth', () => {
  it('lets a request with the right token through', async () => {
    const response = await app().request('/v1/states', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it('answers 401 with a JSON body and a bare challenge when no token was sent', async () => {
    expect(await summary(await app().request('/v1/states'))).toEqual({
      status: 401,
      contentType: 'application/json',
      challenge: 'Bearer realm="sqlrs"',
      body: { code: 'unauthorized', message: 'missing or invalid bearer token' },
    });
  });

  it('adds error="invalid_token" when an Authorization header was sent', async () => {
    for (const authorization of [`Bearer ${'00'.repeat(32)}`, `Basic ${TOKEN}`, '']) {
      const response = await app().request('/v1/states', { headers: { Authorization: authorization } });
      expect(await summary(response), authorization).toEqual({
        status: 401,
        contentType: 'application/json',
        challenge: 'Bearer realm="sqlrs", error="invalid_token"',
        body: { code: 'unauthorized', message: 'missing or invalid bearer token' },
      });
    }
  });

  it('rejects unknown paths before routing, so routes cannot be probed', async () => {
    const response = await app().request('/v1/nope');
    expect(response.status).toBe(401);
  });

  it('ignores tokens in the query string and in cookies', async () => {
    const viaQuery = await app().request(`/v1/states?token=${TOKEN}&access_token=${TOKEN}`);
    const viaCookie = await app().request('/v1/states', { headers: { Cookie: `token=${TOKEN}` } });
    expect(viaQuery.status).toBe(401);
    expect(viaCookie.status).toBe(401);
  });

  it('lets exempt requests through without a token', async () => {
    const response = await app().request('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('cannot be built with an empty token', () => {
    expect(() => bearerAuth({ token: '' })).toThrow(SqlrsError);
  });
});
