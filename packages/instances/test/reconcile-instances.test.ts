import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '@sqlrs/contract';
import type { InstanceRecord } from '@sqlrs/store';
import { newJob, processEnv, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

/** SIGKILLs an instance's whole postgres process group, as a crash or an OOM kill would. */
async function killServer(instance: InstanceRecord): Promise<void> {
  const pid = Number.parseInt((instance.runtimeId ?? '').replace('process:', ''), 10);
  process.kill(-pid, 'SIGKILL');
  for (let i = 0; i < 200; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(10);
  }
  throw new Error(`postgres ${pid} did not die`);
}

function shown(instance: InstanceRecord | undefined): Record<string, unknown> {
  return { status: instance?.status, statusReason: instance?.statusReason, port: instance?.port, live: instance?.runtimeId !== null };
}

describe('reconcile (process runtime)', () => {
  let env: ProcessEnv;
  let job = 0;
  const create = async (): Promise<InstanceRecord> => {
    job += 1;
    const jobId = newJob(env.store, job.toString(16).padStart(32, 'a'));
    return env.service.create({ jobId, stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: null });
  };
  beforeAll(async () => {
    env = await processEnv();
  }, 120_000);
  afterAll(() => env?.cleanup());

  it('marks a killed instance stopped (data kept); a run restarts it on the same port with its data', async () => {
    const instance = await create();
    await tcpQuery(instance.port ?? 0, instance.password, 'SET synchronous_commit = on; CREATE TABLE kept AS SELECT 7 AS v');
    await killServer(instance);
    const service = env.reopen();
    await service.reconcile({ restartStopped: false });
    expect(shown(env.store.getInstance(instance.instanceId))).toEqual({ status: 'stopped', statusReason: 'runtime_gone', port: instance.port, live: false });
    const run = await service.prepare({ instance_ref: instance.instanceId, kind: 'psql', args: ['-X', '-At', '-c', 'SELECT v FROM kept'] });
    const events: RunEvent[] = [];
    await run.execute((e) => events.push(e), new AbortController().signal);
    expect(events.map((e) => (e.type === 'log' || e.type === 'stdout' ? [e.type, e.data] : e.type === 'exit' ? [e.type, e.exit_code] : [e.type]))).toEqual([
      ['log', 'instance stopped; restarting'],
      ['start'],
      ['stdout', '7\n'],
      ['exit', 0],
    ]);
    expect(shown(env.store.getInstance(instance.instanceId))).toEqual({ status: 'active', statusReason: null, port: instance.port, live: true });
    const actions = env.store.listAudit().filter((a) => a.objectId === instance.instanceId).map((a) => a.action);
    expect(actions).toEqual(['instance.created', 'instance.stopped', 'instance.restarted']);
  });

  it('the periodic pass restarts a killed instance itself, same port and password', async () => {
    const instance = await create();
    await killServer(instance);
    await env.reopen().reconcile();
    expect(shown(env.store.getInstance(instance.instanceId))).toEqual({ status: 'active', statusReason: null, port: instance.port, live: true });
    expect(await tcpQuery(instance.port ?? 0, instance.password, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('an instance whose data is gone becomes failed; a sandbox without a row is removed', async () => {
    const lost = await create();
    await killServer(lost);
    await rm(env.layout.instanceDataDir(lost.instanceId), { recursive: true, force: true });
    const orphan = await create();
    env.store.deleteInstances([orphan.instanceId]);
    await env.service.reconcile();
    expect(shown(env.store.getInstance(lost.instanceId))).toEqual({ status: 'failed', statusReason: 'data_missing', port: lost.port, live: false });
    const owners = (await env.runtime.list(env.store.storeId())).map((ref) => ref.ownerId);
    expect(owners).not.toContain(orphan.instanceId);
    expect(owners).not.toContain(lost.instanceId);
  });
});
