import 'reflect-metadata';
import { container, instanceCachingFactory } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import type { ConfigStore } from '@sqlrs/contract';
import { createHttpApi } from '@sqlrs/httpapi';
import type { ActivityTracker, ShutdownControl } from '@sqlrs/httpapi';
import type { StoreLayout } from '@sqlrs/statefs';
import { openSqliteStore } from '@sqlrs/store-sqlite';
import { createMetrics } from '@sqlrs/telemetry';
import type { Logger } from '@sqlrs/telemetry';
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
        newRequestId: r.resolve(TOKENS.RandomId),
        now: r.resolve(TOKENS.Clock),
      });
    }),
  });
  return c;
}
