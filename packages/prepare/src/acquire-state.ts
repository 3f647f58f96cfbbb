import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { NewState } from '@sqlrs/store';
import { isStateReady } from './job-plan.js';
import type { PrepareContext } from './prepare-context.js';
import type { Flight } from './state-flights.js';

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => reject(signal.reason ?? new SqlrsError('cancelled', 'job cancelled'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/**
 * Single-flight per state id (engine.md §9.3): `ready` when the state is usable; otherwise waits
 * for a build in flight (logging `cache: waiting for state <id>` once) and loops, or registers
 * this job as the builder with the row written `building` and returns its flight.
 */
export async function acquireState(
  ctx: PrepareContext,
  o: { version: string; state: NewState; signal: AbortSignal; log: (message: string) => void },
): Promise<'ready' | Flight> {
  const id = o.state.stateId;
  let announced = false;
  for (;;) {
    if (o.signal.aborted) throw o.signal.reason ?? new SqlrsError('cancelled', 'job cancelled');
    if (await isStateReady(ctx, o.version, id)) return 'ready';
    const flight = ctx.flights.get(id);
    if (flight !== undefined) {
      if (!announced) o.log(`cache: waiting for state ${id}`);
      announced = true;
      await Promise.race([flight.promise.catch(() => undefined), aborted(o.signal)]);
      continue;
    }
    const row = ctx.store.getState(id);
    if (row?.status === 'ready') {
      if (existsSync(join(ctx.layout.stateDir(o.version, id), 'pgdata', 'PG_VERSION'))) return 'ready';
      ctx.store.markStateMissing(id);
    }
    const mine = ctx.flights.start(id);
    try {
      if (row?.status === 'building') ctx.store.markStateFailed(id, JSON.stringify({ code: 'interrupted', message: 'build abandoned' }));
      ctx.store.insertState(o.state);
    } catch (error) {
      mine.reject(error);
      throw error;
    }
    return mine;
  }
}
