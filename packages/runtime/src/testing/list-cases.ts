import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { isSqlrsError } from '@sqlrs/errors';
import type { RuntimeRef } from '../runtime.js';
import type { CaseHost } from './case-host.js';
import { query, randomId } from './contract-context.js';

function byId(a: RuntimeRef, b: RuntimeRef): number {
  return a.id.localeCompare(b.id);
}

/** list, leftovers after a crash, and a kill during start (engine.md §7.4, §10). */
export function listCases(host: CaseHost): void {
  it('list returns exactly the sandboxes of one store, and nothing once they are removed', async (t) => {
    const ctx = host.context(t);
    const storeId = randomId();
    const other = await ctx.start(ctx.spec(await ctx.newDirs()));
    const instance = await ctx.start(ctx.spec(await ctx.newDirs(), { storeId }));
    const build = await ctx.start(ctx.spec(await ctx.newDirs(), { storeId, purpose: 'build', ownerId: randomId() }));
    expect((await ctx.runtime.list(storeId)).sort(byId)).toEqual([instance.ref, build.ref].sort(byId));
    expect(instance.ref).toEqual({ kind: ctx.runtime.kind, id: instance.ref.id, purpose: 'instance', ownerId: instance.ref.ownerId, storeId, running: true });
    for (const sandbox of [instance, build, other]) await ctx.runtime.remove(sandbox.ref);
    expect(await ctx.runtime.list(storeId)).toEqual([]);
  });

  it('a new runtime object finds and removes sandboxes left by one that crashed', async (t) => {
    const ctx = host.context(t);
    const storeId = randomId();
    const crashed = ctx.env.reopen();
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs(), { storeId }), crashed);
    const restarted = ctx.env.reopen();
    expect(await restarted.list(storeId)).toEqual([sandbox.ref]);
    await restarted.remove(sandbox.ref);
    expect(await restarted.list(storeId)).toEqual([]);
    await expect(query(sandbox, { socket: true }, 'SELECT 1')).rejects.toBeInstanceOf(Error);
  });

  it('a sandbox removed while it starts fails the start and leaves nothing running', async (t) => {
    const ctx = host.context(t);
    const storeId = randomId();
    // post_auth_delay holds every new session, so readiness cannot win the race against the removal.
    const settings = { post_auth_delay: '30' };
    const starting = ctx.runtime.start(ctx.spec(await ctx.newDirs(), { storeId, settings, readyDeadlineMs: 60_000 }));
    let settled = false;
    const outcome = starting.then(
      (sandbox) => sandbox,
      (error: unknown) => error,
    );
    void outcome.then(() => (settled = true));
    let refs: RuntimeRef[] = [];
    const deadline = Date.now() + 20_000;
    while (refs.length === 0 && !settled && Date.now() < deadline) {
      refs = await ctx.runtime.list(storeId);
      if (refs.length === 0) await sleep(2);
    }
    // A start that failed before anything showed up in list says more than an empty list.
    if (refs.length === 0 && settled) throw await outcome;
    expect(refs).toHaveLength(1);
    for (const ref of refs) await ctx.runtime.remove(ref);
    const result = await outcome;
    expect(isSqlrsError(result) ? result.message : result).toBe('postgres exited during start-up');
    expect(await ctx.runtime.list(storeId)).toEqual([]);
  });
}
