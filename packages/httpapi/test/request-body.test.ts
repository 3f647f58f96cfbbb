// Body handling of api.md §1.3 steps 3-6 and §1.9: shutdown gate, size limit, JSON parse, schema.
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

const MiB = 1024 * 1024;

describe('request bodies', () => {
  it('refuses an oversize body from Content-Length without reading it', async () => {
    const res = await harness().request('PATCH', '/v1/config', {
      body: '{}',
      headers: { 'Content-Length': String(2 * MiB) },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      code: 'payload_too_large',
      message: 'request body is larger than 1048576 bytes; send a smaller body',
    });
  });

  it('refuses an oversize body while reading it', async () => {
    const body = JSON.stringify({ path: 'log.level', value: 'x'.repeat(MiB) });
    const res = await harness().request('PATCH', '/v1/config', { body });
    expect(res.status).toBe(413);
  });

  it('allows 32 MiB on the routes that carry stdin', async () => {
    const body = JSON.stringify({ prepare_kind: 'psql', image_id: 'img', psql_args: ['-f', '-'], stdin: 'x'.repeat(2 * MiB) });
    const res = await harness().request('POST', '/v1/prepare-jobs', { body });
    expect(res.status).toBe(503);
  });

  it.each([
    ['{"path": ', 'invalid json payload'],
    ['[1,2]', 'invalid json payload'],
    ['"text"', 'invalid json payload'],
  ])('answers malformed JSON %s with 400', async (body, message) => {
    const res = await harness().request('PATCH', '/v1/config', { body });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { code: string; message: string; details: string };
    expect({ code: json.code, message: json.message }).toEqual({ code: 'invalid_argument', message });
    expect(json.details.length).toBeGreaterThan(0);
  });

  it('names unknown fields and wrong types in issues', async () => {
    const h = harness();
    const unknown = await h.request('POST', '/v1/engine/shutdown', { body: '{"drain":true,"bogus":1}' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      code: 'invalid_argument',
      message: 'unknown field "bogus"',
      issues: [{ path: 'bogus', message: 'unknown field "bogus"' }],
    });
    const wrong = await h.request('POST', '/v1/engine/shutdown', { body: '{"timeout_seconds":"soon"}' });
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual(['timeout_seconds']);
    expect(h.shutdownRequests).toEqual([]);
  });

  it('accepts an empty body where it is optional', async () => {
    const h = harness();
    const res = await h.request('POST', '/v1/engine/shutdown');
    expect(res.status).toBe(202);
    expect(h.shutdownRequests).toEqual([{ drain: false, timeoutSeconds: 30 }]);
  });

  it('refuses mutations with 503 once shutdown began, but still serves reads', async () => {
    const h = harness();
    h.shuttingDown.value = true;
    const patch = await h.request('PATCH', '/v1/config', { body: '{"path":"log.level","value":"debug"}' });
    expect(patch.status).toBe(503);
    expect(await patch.json()).toEqual({ code: 'unavailable', message: 'engine is shutting down; retry once the next engine is up' });
    expect((await h.request('GET', '/v1/states')).status).toBe(200);
    const health = await h.request('GET', '/v1/health', { auth: false });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(false);
    expect((await h.request('POST', '/v1/engine/shutdown')).status).toBe(202);
  });
});
