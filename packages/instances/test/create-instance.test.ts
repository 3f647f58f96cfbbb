import { access } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { newJob, processEnv, rejection, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

describe('create (process runtime, copy snapshotter)', () => {
  let env: ProcessEnv;
  beforeAll(async () => {
    env = await processEnv();
  }, 120_000);
  afterAll(() => env?.cleanup());

  it('publishes an active instance whose DSN needs the password over TCP', async () => {
    const instance = await env.service.create({ jobId: newJob(env.store, 'a'.repeat(32)), stateId: env.stateId, image: env.image, name: 'dev', rebind: false, expiresAt: 5_000 });
    expect(instance).toMatchObject({
      stateId: env.stateId,
      jobId: 'a'.repeat(32),
      status: 'active',
      runtimeKind: 'process',
      host: '127.0.0.1',
      dbUser: 'sqlrs',
      dbName: 'postgres',
      expiresAt: 5_000,
      name: 'dev',
      relDir: `instances/${instance.instanceId}`,
    });
    expect(instance.instanceId).toMatch(/^[0-9a-f]{32}$/);
    expect(instance.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const port = instance.port ?? 0;
    expect(await tcpQuery(port, instance.password, 'SELECT current_user AS who')).toEqual([{ who: 'sqlrs' }]);
    expect(await rejection(tcpQuery(port, undefined, 'SELECT 1'))).toMatch(/password/);
    expect(await rejection(tcpQuery(port, 'wrong', 'SELECT 1'))).toBe('password authentication failed for user "sqlrs"');
    const stored = await tcpQuery(port, instance.password, "SELECT rolpassword FROM pg_authid WHERE rolname = 'sqlrs'");
    expect(String(stored[0]?.rolpassword)).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(env.store.getName('dev')).toMatchObject({ name: 'dev', instanceId: instance.instanceId, stateId: env.stateId, reservedJobId: null });
    expect(env.store.listAudit().map((a) => [a.action, a.objectId])).toEqual([
      ['instance.created', instance.instanceId],
      ['name.bound', 'dev'],
    ]);
    expect(env.store.getState(env.stateId)?.useCount).toBe(1);
  });

  it('rebind moves a name to the new instance; without rebind a bound name is a conflict and nothing is left behind', async () => {
    const first = env.store.getName('dev')?.instanceId;
    const moved = await env.service.create({ jobId: newJob(env.store, 'b'.repeat(32)), stateId: env.stateId, image: env.image, name: 'dev', rebind: true, expiresAt: null });
    expect({ name: moved.name, bound: env.store.getName('dev')?.instanceId, first: env.store.getInstance(first ?? '')?.name }).toEqual({
      name: 'dev',
      bound: moved.instanceId,
      first: null,
    });
    const before = await env.runtime.list(env.store.storeId());
    const error = await env.service
      .create({ jobId: newJob(env.store, 'c'.repeat(32)), stateId: env.stateId, image: env.image, name: 'dev', rebind: false, expiresAt: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlrsError);
    expect({ code: (error as SqlrsError).code, message: (error as SqlrsError).message }).toEqual({
      code: 'conflict',
      message: `name dev is bound to instance ${moved.instanceId}; use rebind to move it`,
    });
    expect((await env.runtime.list(env.store.storeId())).length).toBe(before.length);
    expect(env.store.listInstances().length).toBe(2);
  });

  it('a failed start removes the clone and inserts nothing', async () => {
    const broken = { ...env.image, imageKey: `process:sha256:${'0'.repeat(64)}` };
    const count = env.store.listInstances().length;
    const error = (await env.service
      .create({ jobId: newJob(env.store, 'd'.repeat(32)), stateId: env.stateId, image: broken, name: null, rebind: false, expiresAt: null })
      .catch((e: unknown) => e)) as SqlrsError;
    expect(error.code).toBe('unavailable');
    expect(env.store.listInstances().length).toBe(count);
    const dirs = await import('node:fs/promises').then((fs) => fs.readdir(env.layout.instancesDir));
    expect(dirs.length).toBe(count);
    await expect(access(env.layout.tmpDir)).resolves.toBeUndefined();
  });

  it('an unknown state is a conflict before anything is made', async () => {
    const error = (await env.service
      .create({ jobId: newJob(env.store, 'e'.repeat(32)), stateId: 'f'.repeat(64), image: env.image, name: null, rebind: false, expiresAt: null })
      .catch((e: unknown) => e)) as SqlrsError;
    expect({ code: error.code, message: error.message }).toEqual({ code: 'conflict', message: `state ${'f'.repeat(64)} is not ready; prepare it again` });
  });
});
