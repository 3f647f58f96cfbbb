import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { RunEvent } from '@sqlrs/contract';
import { createDockerRuntime } from '@sqlrs/runtime';
import { StoreLayout } from '@sqlrs/statefs';
import { newJob, processEnv, rejection, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

async function dockerMissing(): Promise<string | undefined> {
  const probe = await createDockerRuntime({ layout: new StoreLayout('/nonexistent'), network: 'auto' }).probe();
  return probe.ok ? undefined : `${probe.reason}; ${probe.fix}`;
}

describe('instances on the Docker runtime (sidecar runs)', () => {
  let env: ProcessEnv | undefined;
  let missing: string | undefined;
  beforeAll(async () => {
    missing = await dockerMissing();
    if (missing !== undefined) {
      if (process.env.CI === 'true') throw new Error(`docker is unavailable: ${missing}`);
      return;
    }
    env = await processEnv('docker');
  }, 180_000);
  afterAll(() => env?.cleanup());

  const ready = (t: TestContext): ProcessEnv => {
    if (env === undefined) t.skip(`docker is unavailable: ${missing ?? 'setup failed'}; run scripts/provision.sh`);
    return env as ProcessEnv;
  };

  it('create gives a password-only TCP DSN; a psql run in a sidecar streams output and its exit code', async (t) => {
    const e = ready(t);
    const instance = await e.service.create({ jobId: newJob(e.store, 'a'.repeat(32)), stateId: e.stateId, image: e.image, name: 'dock', rebind: false, expiresAt: null });
    expect(await tcpQuery(instance.port ?? 0, instance.password, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await rejection(tcpQuery(instance.port ?? 0, 'wrong', 'SELECT 1'))).toBe('password authentication failed for user "sqlrs"');
    const run = await e.service.prepare({ instance_ref: 'dock', kind: 'psql', args: ['-X', '-At', '-c', 'SELECT 6 * 7', '-c', 'SELECT 1/0'] });
    const events: RunEvent[] = [];
    await run.execute((ev) => events.push(ev), new AbortController().signal);
    const text = (type: string): string => events.flatMap((ev) => (ev.type === type && 'data' in ev ? [ev.data] : [])).join('');
    expect({ out: text('stdout'), err: text('stderr'), last: events.at(-1)?.type === 'exit' ? events.at(-1) : undefined }).toMatchObject({
      out: '42\n',
      err: 'ERROR:  division by zero\n',
      last: { type: 'exit', exit_code: 1 },
    });
  });

  it('reconcile removes the sidecar of a run that no live engine owns', async (t) => {
    const e = ready(t);
    const sidecars = async (): Promise<number> => (await e.runtime.list(e.store.storeId())).filter((ref) => ref.purpose === 'run').length;
    // The previous test's auto-removed sidecar may still be listed for a moment.
    for (let i = 0; i < 200 && (await sidecars()) > 0; i += 1) await sleep(50);
    expect(await sidecars()).toBe(0);
    const run = await e.service.prepare({ instance_ref: 'dock', kind: 'psql', args: ['-c', 'SELECT pg_sleep(60)'] });
    const events: RunEvent[] = [];
    const running = run.execute((ev) => events.push(ev), new AbortController().signal);
    for (let i = 0; i < 200 && (await sidecars()) === 0; i += 1) await sleep(50);
    expect(await sidecars()).toBe(1);
    await e.reopen().reconcile();
    await running;
    expect(await sidecars()).toBe(0);
    // The old run ends with one terminal event: the killed tool's exit, or the error of a sidecar gone mid-wait.
    const terminal = events.filter((ev) => ev.type === 'exit' || ev.type === 'error');
    expect(terminal.length).toBe(1);
    expect(terminal[0]?.type === 'exit' ? terminal[0].exit_code : terminal[0]?.type === 'error' ? terminal[0].error.code : null).not.toBe(0);
  });
});
