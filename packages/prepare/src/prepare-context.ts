import type { EngineConfig } from '@sqlrs/contract';
import type { Runtime } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import type { Logger, Metrics } from '@sqlrs/telemetry';
import type { FifoSemaphore } from '@sqlrs/instances';
import type { InstanceCreator } from './instance-creator.js';
import type { JobEventLog } from './job-event-log.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { LbPlanMemo } from './lb-plan-memo.js';
import type { LiquibaseRunners } from './lb-runners.js';
import type { StateCache } from './state-cache.js';
import type { StateFlights } from './state-flights.js';
import type { StatePins } from './state-pins.js';

/** Collaborators and seams of the prepare service (issue 4 `PrepareServiceOptions`). */
export interface PrepareServiceOptions {
  store: Store;
  layout: StoreLayout;
  runtime: Runtime;
  snapshotter: Snapshotter;
  instances: InstanceCreator;
  /** Live config values; read each time they are needed. */
  config: () => EngineConfig;
  logger: Logger;
  metrics?: Metrics;
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** A new 32-hex job id (default: 16 random bytes). */
  randomId?: () => string;
  /** The exact `pg_hba.conf` the runtime writes into bases (default: the runtime's `PG_HBA_CONF`). */
  pgHbaConf?: string;
  /** Clean-stop limit of build servers in ms (default 120 s, engine.md §6.4). */
  stopTimeoutMs?: number;
  /** Picks the Liquibase runner of an lb job (default: every lb request is `unavailable`). */
  liquibase?: LiquibaseRunners;
}

/** Everything the job manager's parts share. */
export interface PrepareContext extends Required<Omit<PrepareServiceOptions, 'metrics'>> {
  metrics: Metrics | undefined;
  events: JobEventLog;
  buildPermits: FifoSemaphore;
  baseMutex: KeyedMutex;
  flights: StateFlights;
  /** States running jobs rely on; eviction skips them. */
  pins: StatePins;
  /** The bounded cache (engine.md §13): room checks before builds, eviction after them. */
  cache: StateCache;
  /** Liquibase preview results by input (engine.md §2.5 step 1), in memory. */
  lbPlanMemo: LbPlanMemo;
  /** A fresh 16-hex nonce for staging and temp names. */
  nonce(): string;
}
