import { access } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJob, processEnv, rejection, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

async function openSession(port: number, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'sqlrs', database: 'postgres', password, application_name: 'psql' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

describe('reset and TTL expiry (process runtime, copy snapshotter)', () => {
  let env: ProcessEnv;
  beforeAll(async () => {
    env = await processEnv();
  }, 120_000);
  afterAll(() => env?.cleanup());

  it('reset discards writes, keeps id, name, port and password, and counts', async () => {
    const created = await env.service.create({ jobId: newJob(env.store, 'c'.repeat(32)), stateId: env.stateId, image: env.image, name: 'resettable', rebind: false, expiresAt: null });
    const port = created.port ?? 0;
    await tcpQuery(port, created.password, 'CREATE TABLE scratch (x int)');
    const reset = await env.service.reset(created.instanceId, { force: false, ttlSeconds: 60 });
    expect(reset).toMatchObject({ instanceId: created.instanceId, name: 'resettable', port, status: 'active', resetCount: 1, password: created.password });
    expect(reset.expiresAt).toBe((reset.lastResetAt ?? 0) + 60_000);
    expect(await tcpQuery(port, created.password, "SELECT to_regclass('scratch') IS NULL AS gone")).toEqual([{ gone: true }]);
    expect(env.store.listAudit({ action: 'instance.reset' }).map((a) => a.objectId)).toEqual([created.instanceId]);
  });

  it('reset with an open session is a conflict naming the count; force terminates the session', async () => {
    const created = await env.service.create({ jobId: newJob(env.store, 'd'.repeat(32)), stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: null });
    const session = await openSession(created.port ?? 0, created.password);
    const ended = new Promise<void>((resolve) => session.once('end', () => resolve()));
    const error = await env.service.reset(created.instanceId, { force: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', message: 'instance has open connections; close them or reset with force=true', details: 'connections=1' });
    await env.service.reset(created.instanceId, { force: true });
    await ended;
    expect(await rejection(session.query('SELECT 1'))).toMatch(/not queryable|terminat|Connection/i);
  });

  it('the reaper expires an idle instance, skips a busy one, and purges tombstones after retention', async () => {
    const idle = await env.service.create({ jobId: newJob(env.store, 'e'.repeat(32)), stateId: env.stateId, image: env.image, name: 'short', rebind: false, expiresAt: Date.now() - 1 });
    const busy = await env.service.create({ jobId: newJob(env.store, 'f'.repeat(32)), stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: Date.now() - 1 });
    const session = await openSession(busy.port ?? 0, busy.password);
    try {
      const sweep = await env.service.sweepExpired();
      expect(sweep).toEqual({ expired: [idle.instanceId], skipped: [{ instanceId: busy.instanceId, connections: 1 }], purged: [] });
      expect(env.store.getInstance(idle.instanceId)).toMatchObject({ status: 'expired', runtimeId: null, name: null });
      expect(env.store.getName('short')).toBeUndefined();
      expect(env.store.listAudit({ objectId: 'short' }).map((a) => a.action)).toEqual(['name.bound', 'name.removed']);
      expect(await exists(env.layout.instanceDir(idle.instanceId))).toBe(false);
      expect(env.store.getInstance(busy.instanceId)?.status).toBe('active');
    } finally {
      await session.end();
    }
    await new Promise((r) => setTimeout(r, 100));
    const later = await env.service.sweepExpired();
    expect(later.expired).toEqual([busy.instanceId]);
    const purger = env.reopenWith({ expiredRetentionMs: () => 0 });
    const purged = await purger.sweepExpired();
    expect(purged.purged.sort()).toEqual([idle.instanceId, busy.instanceId].sort());
    expect(env.store.getInstance(idle.instanceId)).toBeUndefined();
  });
});

describe('a delete cut short after its transaction (process runtime)', () => {
  let env: ProcessEnv;
  beforeAll(async () => {
    env = await processEnv();
  }, 120_000);
  afterAll(() => env?.cleanup());

  it('the next engine removes the server and data that no row points at', async () => {
    const created = await env.service.create({ jobId: newJob(env.store, '1'.repeat(32)), stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: null });
    // The row is gone, as after a delete's transaction; the engine died before the cleanup.
    env.store.deleteInstances([created.instanceId]);
    expect((await env.runtime.list(env.store.storeId())).map((r) => r.ownerId)).toContain(created.instanceId);
    await env.reopen().reconcile();
    expect((await env.runtime.list(env.store.storeId())).map((r) => r.ownerId)).not.toContain(created.instanceId);
    expect(await exists(env.layout.instanceDir(created.instanceId))).toBe(false);
    expect(await rejection(tcpQuery(created.port ?? 0, created.password, 'SELECT 1'))).toMatch(/ECONNREFUSED|connect/);
  });
});
