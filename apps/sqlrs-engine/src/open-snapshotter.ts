import type { EngineConfig } from '@sqlrs/contract';
import { SqlrsError, isSqlrsError } from '@sqlrs/errors';
import { selectSnapshotter } from '@sqlrs/snapshot';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import type { Logger } from '@sqlrs/telemetry';

/**
 * Picks the snapshot backend at startup (engine.md §6.2): a forced backend that does not work here,
 * or a backend other than the one that built the store's states, refuses to start (exit code 3)
 * with the fix, instead of failing at first use.
 */
export async function openSnapshotter(o: { config: EngineConfig; layout: StoreLayout; store: Store; logger: Logger }): Promise<Snapshotter> {
  let snapshotter: Snapshotter;
  try {
    snapshotter = await selectSnapshotter({
      root: o.layout.root,
      configured: o.config.snapshot.backend,
      trashDir: o.layout.trashDir,
      logger: o.logger.child({ component: 'snapshot' }),
    });
  } catch (err) {
    if (!isSqlrsError(err)) throw err;
    throw new SqlrsError(err.code, `${err.message} (config snapshot.backend=${o.config.snapshot.backend})`, {
      ...(err.details !== undefined ? { details: err.details } : {}),
      data: { ...err.data, exitCode: 3 },
      cause: err,
    });
  }
  const foreign = o.store.listStates().find((s) => s.snapshotter !== snapshotter.kind);
  if (foreign !== undefined) {
    throw new SqlrsError(
      'unavailable',
      `state store ${o.layout.root} holds states made by the ${foreign.snapshotter} backend, but this engine would use ${snapshotter.kind}; set snapshot.backend=${foreign.snapshotter} or delete the states`,
      { data: { exitCode: 3 } },
    );
  }
  return snapshotter;
}
