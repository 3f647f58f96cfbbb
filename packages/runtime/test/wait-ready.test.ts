import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { lastLines, waitReady } from '../src/wait-ready.js';
import { sandboxQuery } from '../src/sandbox-query.js';
import { processCluster, type ProcessCluster } from './helpers/process-cluster.js';
import { tempStore } from './helpers/temp-store.js';

const log = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const last50 = Array.from({ length: 50 }, (_, i) => `line ${i + 11}`).join('\n');

describe('waitReady', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let cluster: ProcessCluster;
  let emptyDir: string;

  beforeAll(async () => {
    store = await tempStore();
    cluster = await processCluster(store.layout);
    emptyDir = await mkdtemp(join(tmpdir(), 'sqlrs-ready-'));
  }, 60_000);

  afterAll(async () => {
    await rm(emptyDir, { recursive: true, force: true });
    await store.cleanup();
  });

  it('resolves once a real server answers SELECT 1 on its socket', async () => {
    const sandbox = await cluster.runtime.start(await cluster.newSpec());
    const options = { socketDir: sandbox.endpoint.socketDir, port: sandbox.endpoint.port, user: 'sqlrs' };
    await expect(waitReady({ ...options, deadlineMs: 5_000, exited: () => false, logTail: async () => '' })).resolves.toBeUndefined();
    await cluster.runtime.remove(sandbox.ref);
  });


  it('runs readySql over the readiness connection, and a failing one fails the start with its message', async () => {
    const spec = await cluster.newSpec();
    const sandbox = await cluster.runtime.start({ ...spec, readySql: "CREATE TABLE made_at_start (); COMMENT ON TABLE made_at_start IS 'ready'" });
    const options = { socketDir: sandbox.endpoint.socketDir, port: sandbox.endpoint.port, user: 'sqlrs', deadlineMs: 5_000, exited: () => false, logTail: async () => '' };
    await expect(waitReady({ ...options, readySql: "SELECT 1 FROM made_at_start WHERE obj_description('made_at_start'::regclass) = 'ready'" })).resolves.toBeUndefined();
    const error = await waitReady({ ...options, readySql: 'SELECT * FROM no_such_table' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlrsError);
    expect(error).toMatchObject({ code: 'internal_error', details: expect.stringContaining('no_such_table') });
    await cluster.runtime.remove(sandbox.ref);
  });
  it('with a readyHint, connects only once the hint says ready and wakes on its change', async () => {
    const sandbox = await cluster.runtime.start(await cluster.newSpec());
    let ready = false;
    let wake: (() => void) | undefined;
    let checks = 0;
    const hint = {
      ready: async () => {
        checks += 1;
        return ready;
      },
      changed: (timeoutMs: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }),
    };
    setTimeout(() => {
      ready = true;
      wake?.();
    }, 80);
    const started = Date.now();
    const options = { socketDir: sandbox.endpoint.socketDir, port: sandbox.endpoint.port, user: 'sqlrs', deadlineMs: 5_000, exited: () => false, logTail: async () => '' };
    await waitReady({ ...options, readyHint: hint });
    // The server answered all along: only the hint held the first attempt back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(checks).toBeGreaterThan(1);
    await cluster.runtime.remove(sandbox.ref);
  });

  it('falls back to polling after the fast phase when the hint never says ready', async () => {
    const sandbox = await cluster.runtime.start(await cluster.newSpec());
    const hint = { ready: async () => false, changed: (timeoutMs: number) => new Promise<void>((resolve) => setTimeout(resolve, timeoutMs)) };
    const started = Date.now();
    const options = { socketDir: sandbox.endpoint.socketDir, port: sandbox.endpoint.port, user: 'sqlrs', deadlineMs: 5_000, exited: () => false, logTail: async () => '' };
    await waitReady({ ...options, readyHint: hint });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await cluster.runtime.remove(sandbox.ref);
  });

  it('sandboxQuery answers rows as text over the socket, NULL as null, with parameters', async () => {
    const sandbox = await cluster.runtime.start(await cluster.newSpec());
    const rows = await sandboxQuery(sandbox, 'SELECT true, NULL::text, $1::int + 1', [41]);
    expect(rows).toEqual([['t', null, '42']]);
    await expect(sandboxQuery(sandbox, 'SELECT * FROM no_such_table')).rejects.toThrow('no_such_table');
    await cluster.runtime.remove(sandbox.ref);
  });

  it('fails with unavailable and the last 50 log lines when the deadline passes', async () => {
    const started = Date.now();
    const error = await waitReady({
      socketDir: emptyDir,
      port: 5432,
      user: 'sqlrs',
      deadlineMs: 300,
      exited: () => false,
      logTail: async () => log,
    }).catch((e: unknown) => e);
    expect(error).toEqual(new SqlrsError('unavailable', 'postgres did not accept connections within 300 ms', { details: last50 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('fails fast with internal_error when the server exits during start-up', async () => {
    let exited = false;
    setTimeout(() => (exited = true), 50);
    const started = Date.now();
    const error = await waitReady({
      socketDir: emptyDir,
      port: 5432,
      user: 'sqlrs',
      deadlineMs: 30_000,
      exited: () => exited,
      logTail: async () => 'FATAL:  data directory has wrong ownership\n',
    }).catch((e: unknown) => e);
    expect(error).toEqual(
      new SqlrsError('internal_error', 'postgres exited during start-up', { details: 'FATAL:  data directory has wrong ownership' }),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says so when the server log is still empty', async () => {
    const error = await waitReady({
      socketDir: emptyDir,
      port: 5432,
      user: 'sqlrs',
      deadlineMs: 30_000,
      exited: () => true,
      logTail: async () => '',
    }).catch((e: unknown) => e);
    expect(error).toEqual(new SqlrsError('internal_error', 'postgres exited during start-up', { details: '(the server log is empty)' }));
  });

  it('keeps the failure typed when the log cannot be read', async () => {
    const error = await waitReady({
      socketDir: emptyDir,
      port: 5432,
      user: 'sqlrs',
      deadlineMs: 30_000,
      exited: () => true,
      logTail: () => Promise.reject(new Error('gone')),
    }).catch((e: unknown) => e);
    expect(error).toEqual(
      new SqlrsError('internal_error', 'postgres exited during start-up', { details: '(server log unavailable: gone)' }),
    );
  });
});

describe('lastLines', () => {
  it('keeps the last n lines without the trailing newline', () => {
    expect(lastLines('a\nb\nc\n\n', 2)).toBe('b\nc');
    expect(lastLines('only', 5)).toBe('only');
  });
});
