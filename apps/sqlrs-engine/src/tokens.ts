import type { InjectionToken } from 'tsyringe';
import type { ConfigStore } from '@sqlrs/contract';
import type { ActivityTracker, EngineInfoSource, HttpApi, ShutdownControl, StreamSlots } from '@sqlrs/httpapi';
import type { DeletionService } from '@sqlrs/deletion';
import type { InstanceService } from '@sqlrs/instances';
import type { PrepareManager } from '@sqlrs/prepare';
import type { EngineLiquibaseRunners } from './liquibase-runners.js';
import type { Runtime } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import type { Logger, Metrics } from '@sqlrs/telemetry';

/** Engine-process facts fixed at start. */
export interface EngineRuntimeInfo {
  version: string;
  instanceId: string;
  pid: number;
  startedAt: string;
  authToken: string;
}

/** The interface tokens the composition root registers implementations against. */
export const TOKENS = {
  Info: Symbol('EngineRuntimeInfo') as InjectionToken<EngineRuntimeInfo>,
  Clock: Symbol('Clock') as InjectionToken<() => number>,
  RandomId: Symbol('RandomId') as InjectionToken<() => string>,
  Logger: Symbol('Logger') as InjectionToken<Logger>,
  Layout: Symbol('StoreLayout') as InjectionToken<StoreLayout>,
  Store: Symbol('Store') as InjectionToken<Store>,
  Config: Symbol('ConfigStore') as InjectionToken<ConfigStore>,
  Metrics: Symbol('Metrics') as InjectionToken<Metrics>,
  Shutdown: Symbol('ShutdownControl') as InjectionToken<ShutdownControl>,
  Activity: Symbol('ActivityTracker') as InjectionToken<ActivityTracker>,
  Snapshotter: Symbol('Snapshotter') as InjectionToken<Snapshotter>,
  Runtime: Symbol('Runtime') as InjectionToken<Runtime>,
  Liquibase: Symbol('LiquibaseRunners') as InjectionToken<EngineLiquibaseRunners>,
  EngineInfo: Symbol('EngineInfoSource') as InjectionToken<EngineInfoSource>,
  Prepare: Symbol('PrepareManager') as InjectionToken<PrepareManager>,
  Instances: Symbol('InstanceService') as InjectionToken<InstanceService>,
  Deletion: Symbol('DeletionService') as InjectionToken<DeletionService>,
  StreamSlots: Symbol('StreamSlots') as InjectionToken<StreamSlots>,
  HttpApi: Symbol('HttpApi') as InjectionToken<HttpApi>,
} as const;
