import 'reflect-metadata';
import { container, instanceCachingFactory } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import { parseDuration } from '@sqlrs/contract';
import type { ConfigStore } from '@sqlrs/contract';
import { createDeletionService } from '@sqlrs/deletion';
import { StreamSlots, createHttpApi } from '@sqlrs/httpapi';
import { createInstanceService } from '@sqlrs/instances';
import type { InstanceService } from '@sqlrs/instances';
import { createPrepareService } from '@sqlrs/prepare';
import type { PrepareManager } from '@sqlrs/prepare';
import type { ActivityTracker, ShutdownControl } from '@sqlrs/httpapi';
import type { Runtime } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import { openSqliteStore } from '@sqlrs/store-sqlite';
import { createMetrics } from '@sqlrs/telemetry';
import type { Logger } from '@sqlrs/telemetry';
import { engineInfoSource } from './engine-info-source.js';
import { EngineLiquibaseRunners } from './liquibase-runners.js';
import { TOKENS } from './tokens.js';
import type { EngineRuntimeInfo } from './tokens.js';

/** What exists before the container: values made by async start-up steps (lock, config file). */
export interface ContainerSeeds {
  info: EngineRuntimeInfo;
  logger: Logger;
  layout: StoreLayout;
  config: ConfigStore;
  shutdown: ShutdownControl;
  activity: ActivityTracker;
  clock: () => number;
  randomId: () => string;
}

/**
 * Registers every implementation against its interface token in a fresh child container. This is
 * the only place that knows which implementation backs which interface.
 */
export function buildContainer(seeds: ContainerSeeds): DependencyContainer {
  const c = container.createChildContainer();
  c.register(TOKENS.Info, { useValue: seeds.info });
  c.register(TOKENS.Clock, { useValue: seeds.clock });
  c.register(TOKENS.RandomId, { useValue: seeds.randomId });
  c.register(TOKENS.Logger, { useValue: seeds.logger });
  c.register(TOKENS.Layout, { useValue: seeds.layout });
  c.register(TOKENS.Config, { useValue: seeds.config });
  c.register(TOKENS.Shutdown, { useValue: seeds.shutdown });
  c.register(TOKENS.Activity, { useValue: seeds.activity });
  c.register(TOKENS.Metrics, { useFactory: instanceCachingFactory(() => createMetrics()) });
  c.register(TOKENS.Liquibase, { useFactory: instanceCachingFactory((r) => new EngineLiquibaseRunners(r.resolve(TOKENS.Config))) });
  c.register(TOKENS.Store, {
    useFactory: instanceCachingFactory((r) =>
      openSqliteStore({
        path: r.resolve(TOKENS.Layout).stateDb,
        logger: r.resolve(TOKENS.Logger).child({ component: 'store' }),
        now: r.resolve(TOKENS.Clock),
        engineVersion: r.resolve(TOKENS.Info).version,
      }),
    ),
  });
  c.register(TOKENS.HttpApi, {
    useFactory: instanceCachingFactory((r) => {
      const info = r.resolve(TOKENS.Info);
      return createHttpApi({
        identity: { version: info.version, instanceId: info.instanceId, pid: info.pid, startedAt: info.startedAt },
        authToken: info.authToken,
        store: r.resolve(TOKENS.Store),
        config: r.resolve(TOKENS.Config),
        metrics: r.resolve(TOKENS.Metrics),
        logger: r.resolve(TOKENS.Logger).child({ component: 'http' }),
        shutdown: r.resolve(TOKENS.Shutdown),
        activity: r.resolve(TOKENS.Activity),
        engineInfo: r.resolve(TOKENS.EngineInfo),
        prepare: r.resolve(TOKENS.Prepare),
        runs: r.resolve(TOKENS.Instances),
        instances: r.resolve(TOKENS.Instances),
        deletion: r.resolve(TOKENS.Deletion),
        streamSlots: r.resolve(TOKENS.StreamSlots),
        newRequestId: r.resolve(TOKENS.RandomId),
        now: r.resolve(TOKENS.Clock),
      });
    }),
  });
  return c;
}

/** Registers the runtime and snapshot backend resolved at startup, and what `GET /v1/engine` shows of them. */
export function registerSandboxes(
  c: DependencyContainer,
  o: { snapshotter: Snapshotter; runtime: Runtime; network: 'auto' | 'host' | 'bridge' },
): void {
  c.register(TOKENS.Snapshotter, { useValue: o.snapshotter });
  c.register(TOKENS.Runtime, { useValue: o.runtime });
  c.register(TOKENS.EngineInfo, {
    useFactory: instanceCachingFactory((r) => {
      const info = r.resolve(TOKENS.Info);
      return engineInfoSource({
        identity: { version: info.version, instanceId: info.instanceId, pid: info.pid, startedAt: info.startedAt },
        storeRoot: r.resolve(TOKENS.Layout).root,
        storeId: r.resolve(TOKENS.Store).storeId(),
        runtime: o.runtime,
        // `auto` is resolved inside the Docker runtime; shown as null until it reports it.
        network: o.runtime.kind === 'docker' && o.network !== 'auto' ? o.network : null,
        snapshotter: o.snapshotter,
        liquibase: () => r.resolve(TOKENS.Liquibase).info(),
        now: r.resolve(TOKENS.Clock),
      });
    }),
  });
}

/** Registers the job manager, the instance service and the event stream slots; returns them. */
export function registerServices(c: DependencyContainer): {
  prepare: PrepareManager;
  instances: InstanceService;
  streamSlots: StreamSlots;
} {
  c.register(TOKENS.StreamSlots, { useValue: new StreamSlots() });
  c.register(TOKENS.Instances, {
    useFactory: instanceCachingFactory((r) =>
      createInstanceService({
        store: r.resolve(TOKENS.Store),
        layout: r.resolve(TOKENS.Layout),
        runtime: r.resolve(TOKENS.Runtime),
        snapshotter: r.resolve(TOKENS.Snapshotter),
        logger: r.resolve(TOKENS.Logger).child({ component: 'instances' }),
        now: r.resolve(TOKENS.Clock),
        onExpiryDeferred: () => r.resolve(TOKENS.Metrics).instancesExpiryDeferredTotal.inc(),
        config: { expiredRetentionMs: () => parseDuration(r.resolve(TOKENS.Config).effective().instances.expiredRetention) },
        // Prepare's bounded cache; resolved at call time because prepare itself needs instances.
        capacity: { ensureRoom: (phase, bytes, signal) => r.resolve(TOKENS.Prepare).ensureRoom(phase, bytes, signal) },
      }),
    ),
  });
  c.register(TOKENS.Deletion, {
    useFactory: instanceCachingFactory((r) =>
      createDeletionService({
        store: r.resolve(TOKENS.Store),
        layout: r.resolve(TOKENS.Layout),
        snapshotter: r.resolve(TOKENS.Snapshotter),
        instances: r.resolve(TOKENS.Instances),
        // Prepare's pins: no state a job relies on or builds is deleted under it.
        stateGuard: { tryLockExclusive: (stateIds) => r.resolve(TOKENS.Prepare).tryLockExclusive(stateIds) },
        logger: r.resolve(TOKENS.Logger).child({ component: 'deletion' }),
        now: r.resolve(TOKENS.Clock),
      }),
    ),
  });
  c.register(TOKENS.Prepare, {
    useFactory: instanceCachingFactory((r) => {
      const config = r.resolve(TOKENS.Config);
      return createPrepareService({
        store: r.resolve(TOKENS.Store),
        layout: r.resolve(TOKENS.Layout),
        runtime: r.resolve(TOKENS.Runtime),
        snapshotter: r.resolve(TOKENS.Snapshotter),
        instances: r.resolve(TOKENS.Instances),
        config: () => config.effective(),
        logger: r.resolve(TOKENS.Logger).child({ component: 'prepare' }),
        metrics: r.resolve(TOKENS.Metrics),
        now: r.resolve(TOKENS.Clock),
        randomId: r.resolve(TOKENS.RandomId),
        liquibase: r.resolve(TOKENS.Liquibase),
      });
    }),
  });
  return { prepare: c.resolve(TOKENS.Prepare), instances: c.resolve(TOKENS.Instances), streamSlots: c.resolve(TOKENS.StreamSlots) };
}
