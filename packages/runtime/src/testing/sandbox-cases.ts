import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isSqlrsError } from '@sqlrs/errors';
import { DB_SHUTDOWNED, readPgControlState } from '../pg-control.js';
import type { CaseHost } from './case-host.js';
import { query, randomId } from './contract-context.js';
import { readCheckpointLsn } from './lsn.js';

const STOP = { mode: 'fast', timeoutMs: 30_000 } as const;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

/** start, stop, restart, remove, readiness and ports (engine.md §7.4). */
export function sandboxCases(host: CaseHost): void {
  it('start answers SELECT 1 over the socket, and over TCP only with the password', async (t) => {
    const ctx = host.context(t);
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
    expect(sandbox.endpoint.host).toBe('127.0.0.1');
    expect(await query(sandbox, { socket: true }, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    const before = await rejection(query(sandbox, { socket: false, password: 'anything' }, 'SELECT 1'));
    expect((before as { code?: string }).code).toBe('28P01');
    await query(sandbox, { socket: true }, "ALTER ROLE sqlrs PASSWORD 'contract-secret'");
    expect(await query(sandbox, { socket: false, password: 'contract-secret' }, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    const wrong = await rejection(query(sandbox, { socket: false, password: 'wrong-secret' }, 'SELECT 1'));
    expect((wrong as { code?: string }).code).toBe('28P01');
    await ctx.runtime.remove(sandbox.ref);
  });

  it('stop(fast) leaves pg_control shut down, and a copy of the data dir starts without crash recovery', async (t) => {
    const ctx = host.context(t);
    const dirs = await ctx.newDirs();
    const sandbox = await ctx.start(ctx.spec(dirs));
    await query(sandbox, { socket: true }, 'CREATE TABLE kept AS SELECT 42 AS answer');
    await ctx.runtime.stop(sandbox, STOP);
    const pgdata = join(dirs.dataDir, 'pgdata');
    expect(await readPgControlState(pgdata)).toBe(DB_SHUTDOWNED);
    const copy = await ctx.newDirs(pgdata);
    const checkpoint = await readCheckpointLsn(join(copy.dataDir, 'pgdata'));
    const clone = await ctx.start(ctx.spec(copy));
    expect(await query(clone, { socket: true }, 'SELECT answer FROM kept')).toEqual([{ answer: 42 }]);
    // Crash recovery ends with a new checkpoint; a clean start keeps the shutdown checkpoint.
    const after = await query(clone, { socket: true }, 'SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()');
    expect(after).toEqual([{ lsn: checkpoint }]);
    if (ctx.env.serverLog !== undefined) {
      const log = await ctx.env.serverLog(clone, copy.dataDir);
      expect(log).not.toMatch(/was not properly shut down|automatic recovery/);
    }
    await ctx.runtime.remove(clone.ref);
    await ctx.runtime.remove(sandbox.ref);
  });

  it('restarts on the same data dir after a fast stop, keeping the data', async (t) => {
    const ctx = host.context(t);
    const dirs = await ctx.newDirs();
    const first = await ctx.start(ctx.spec(dirs));
    await query(first, { socket: true }, 'CREATE TABLE survived (n int); INSERT INTO survived VALUES (7)');
    await ctx.runtime.stop(first, STOP);
    await ctx.runtime.remove(first.ref);
    const second = await ctx.start(ctx.spec(dirs));
    expect(await query(second, { socket: true }, 'SELECT n FROM survived')).toEqual([{ n: 7 }]);
    await ctx.runtime.stop(second, { mode: 'immediate', timeoutMs: 30_000 });
    await ctx.runtime.remove(second.ref);
  });

  it('remove is idempotent and a removed sandbox no longer answers', async (t) => {
    const ctx = host.context(t);
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
    await ctx.runtime.remove(sandbox.ref);
    await ctx.runtime.remove(sandbox.ref);
    expect(await ctx.runtime.list(ctx.env.storeId)).not.toContainEqual(expect.objectContaining({ id: sandbox.ref.id }));
    expect(await rejection(query(sandbox, { socket: true }, 'SELECT 1'))).toBeInstanceOf(Error);
  });

  it('a readiness deadline fails with unavailable, the server log in details, and nothing left running', async (t) => {
    const ctx = host.context(t);
    const storeId = randomId();
    const error = await rejection(ctx.runtime.start(ctx.spec(await ctx.newDirs(), { storeId, readyDeadlineMs: 20 })));
    expect(isSqlrsError(error)).toBe(true);
    expect({ code: (error as { code: string }).code, message: (error as Error).message }).toEqual({
      code: 'unavailable',
      message: 'postgres did not accept connections within 20 ms',
    });
    expect(typeof (error as { details?: unknown }).details).toBe('string');
    expect(await ctx.runtime.list(storeId)).toEqual([]);
  });

  it('skips a host port that someone else holds', async (t) => {
    const ctx = host.context(t);
    const probe = await ctx.start(ctx.spec(await ctx.newDirs()));
    await ctx.runtime.remove(probe.ref);
    const next = probe.endpoint.port + 1;
    const blocker = createServer();
    const held = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen({ port: next, host: '127.0.0.1' }, () => resolve(true));
    });
    try {
      const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
      if (held) expect(sandbox.endpoint.port).not.toBe(next);
      expect(await query(sandbox, { socket: true }, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await ctx.runtime.remove(sandbox.ref);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
}
