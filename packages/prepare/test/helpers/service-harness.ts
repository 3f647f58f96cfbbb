import { join } from 'node:path';
import { CONFIG_DEFAULTS, type EngineConfig, type PrepareJobRequest, type PrepareJobStatus } from '@sqlrs/contract';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import { createMemoryStore } from '@sqlrs/store/testing';
import { type Metrics, createLogger } from '@sqlrs/telemetry';
import { type PrepareManager, createPrepareService } from '../../src/index.js';
import { FakeInstances } from './fake-instances.js';
import { FakeRuntime } from './fake-runtime.js';
import { FakeSnapshotter } from './fake-snapshotter.js';
import { tempTree } from './temp-tree.js';

/** The fixed clock of service tests. */
export const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
/** `NOW` as the API prints it. */
export const NOW_ISO = new Date(NOW).toISOString();

/** A service over the memory store, fakes and a temp store root, with its parts exposed. */
export interface Harness {
  service: PrepareManager;
  store: Store;
  layout: StoreLayout;
  runtime: FakeRuntime;
  snapshotter: FakeSnapshotter;
  instances: FakeInstances;
  config: EngineConfig;
  /** A directory for input scripts. */
  work: string;
  /** Builds another service over the same store and root (a restart). */
  restart(): PrepareManager;
}

/** Job ids: 1, 2, 3… as 32 hex digits. */
function counterIds(): () => string {
  let n = 0;
  return () => (++n).toString(16).padStart(32, '0');
}

/** Creates the harness; `configure` edits the config before the service starts; `metrics` is passed through. */
export async function harness(configure: (config: EngineConfig) => void = () => undefined, extra: { metrics?: Metrics } = {}): Promise<Harness> {
  const root = await tempTree({ 'work/.keep': '' });
  const layout = new StoreLayout(join(root, 'store'));
  await ensureStoreDirs(layout, { asRoot: false });
  const store = createMemoryStore();
  const runtime = new FakeRuntime();
  const snapshotter = new FakeSnapshotter();
  const instances = new FakeInstances(store);
  const config = structuredClone(CONFIG_DEFAULTS) as EngineConfig;
  configure(config);
  const randomId = counterIds();
  const make = (): PrepareManager =>
    createPrepareService({
      store,
      layout,
      runtime,
      snapshotter,
      instances,
      config: () => config,
      logger: createLogger({ level: 'error', stderr: false }),
      now: () => NOW,
      randomId,
      ...(extra.metrics === undefined ? {} : { metrics: extra.metrics }),
    });
  return { service: make(), store, layout, runtime, snapshotter, instances, config, work: join(root, 'work'), restart: make };
}

/** A psql request for the fake image. */
export function psqlRequest(args: string[], extra: Partial<PrepareJobRequest> = {}): PrepareJobRequest {
  return { prepare_kind: 'psql', image_id: 'postgres:15', psql_args: args, ...extra };
}

/** Resolves with the job's status once its event stream ends. */
export function settled(service: PrepareManager, jobId: string): Promise<PrepareJobStatus | undefined> {
  return new Promise((resolve) => {
    service.events.subscribe(
      jobId,
      () => undefined,
      () => resolve(service.getJob(jobId)),
    );
  });
}
