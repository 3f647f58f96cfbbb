import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, hostname } from 'node:os';
import { serve } from '@hono/node-server';
import { newAuthToken } from '@sqlrs/auth';
import { newRandomId } from '@sqlrs/id';
import {
  StoreLayout,
  acquireStoreLock,
  ensureStoreDirs,
  openConfigService,
  removeEngineJson,
  resolveStoreRoot,
  writeEngineJson,
} from '@sqlrs/statefs';
import { createLogger, rotateLogFile } from '@sqlrs/telemetry';
import type { Logger, LogLevel } from '@sqlrs/telemetry';
import { EXPIRY_SWEEP_INTERVAL_MS } from '@sqlrs/instances';
import { buildContainer, registerSandboxes, registerServices } from './build-container.js';
import { updateInstanceGauge } from './instance-gauge.js';
import type { EngineFlags } from './engine-flags.js';
import { ENGINE_VERSION } from './engine-version.js';
import { IdleMonitor } from './idle-monitor.js';
import { formatEndpoint } from './listen-address.js';
import { openSnapshotter } from './open-snapshotter.js';
import { resolveRuntime } from './resolve-runtime.js';
import { ShutdownController } from './shutdown-controller.js';
import { TOKENS } from './tokens.js';
import type { EngineRuntimeInfo } from './tokens.js';

/** A started engine: where it listens, and a promise that settles once it has shut down. */
export interface RunningEngine {
  endpoint: string;
  engineJsonPath: string;
  /** Starts a shutdown as SIGINT/SIGTERM do (api.md §3.2). */
  stop(): Promise<void>;
  done: Promise<void>;
}

/** Lets in-flight responses finish before open sockets are cut. */
const CLOSE_GRACE_MS = 2000;
const LOG_ROTATE_INTERVAL_MS = 10 * 60 * 1000;
const RECONCILE_INTERVAL_MS = 60 * 1000;

/** Work that keeps the engine busy, for idle detection and the shutdown answer. */
type WorkCounts = () => { running_jobs: number; queued_jobs: number; active_runs: number; open_streams: number };

/**
 * Starts the engine: store lock, SQLite, config, HTTP listener, then engine.json. Throws a
 * SqlrsError (with `data.exitCode` 3 for a store in use or from a newer engine) when it cannot.
 */
export async function startEngine(flags: EngineFlags, env: Record<string, string | undefined>): Promise<RunningEngine> {
  const root = resolveStoreRoot({ ...(flags.stateStore ? { flag: flags.stateStore } : {}), env, homedir: homedir() });
  const layout = new StoreLayout(root);
  await ensureStoreDirs(layout, { asRoot: process.getuid?.() === 0 });
  rotateLogFile(layout.engineLog);
  const logger = createLogger({ level: flags.logLevel ?? 'info', file: layout.engineLog, pretty: env.SQLRS_LOG_PRETTY === '1' });
  const randomId = (): string => newRandomId((n) => randomBytes(n));
  const info = {
    version: ENGINE_VERSION,
    instanceId: randomId(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    authToken: newAuthToken(),
  };
  const lock = await acquireStoreLock({ layout, pid: info.pid, instanceId: info.instanceId, startedAt: info.startedAt, hostname: hostname(), logger });
  const cleanups: Cleanup[] = [() => lock.release()];
  try {
    return await listen({ flags, layout, logger, info, randomId, cleanups });
  } catch (err) {
    await runCleanups(cleanups, logger);
    throw err;
  }
}

type Cleanup = () => Promise<void> | void;

interface ListenContext {
  flags: EngineFlags;
  layout: StoreLayout;
  logger: Logger;
  info: EngineRuntimeInfo;
  randomId: () => string;
  /** Undone in order at shutdown; later steps put theirs first. */
  cleanups: Cleanup[];
}

async function listen(ctx: ListenContext): Promise<RunningEngine> {
  const { flags, layout, logger, info, cleanups } = ctx;
  const config = await openConfigService({ path: layout.configJson, logger: logger.child({ component: 'config' }) });
  if (flags.logLevel === undefined) logger.level = config.effective().log.level;
  config.subscribe((change) => {
    if (flags.logLevel === undefined) logger.level = change.effective.log.level as LogLevel;
  });

  let server: Server | undefined;
  let drain: (deadlineMs: number) => Promise<void> = async () => undefined;
  const engineJsonPath = flags.writeEngineJson ?? layout.engineJson;
  let work: WorkCounts = () => ({ running_jobs: 0, queued_jobs: 0, active_runs: 0, open_streams: 0 });
  const idle = new IdleMonitor({
    idleMs: flags.idleTimeoutMs,
    backgroundWork: () => {
      const w = work();
      return w.running_jobs + w.queued_jobs + w.active_runs;
    },
    onIdle: () => {
      logger.info({ idle_ms: flags.idleTimeoutMs }, 'idle timeout reached; shutting down');
      shutdown.request({ drain: false, timeoutSeconds: 0 });
    },
  });
  const shutdown = new ShutdownController({
    now: Date.now,
    counts: () => {
      const { running_jobs, active_runs, open_streams } = work();
      return { running_jobs, active_runs, open_streams };
    },
    run: async (deadlineMs) => {
      logger.info('shutting down');
      idle.stop();
      await drain(deadlineMs);
      await closeServer(server);
      await runCleanups(cleanups, logger);
      logger.info('engine stopped');
      logger.flush();
    },
  });

  const c = buildContainer({ info, logger, layout, config, shutdown, activity: idle, clock: Date.now, randomId: ctx.randomId });
  const store = c.resolve(TOKENS.Store);
  cleanups.unshift(() => store.close());
  const effective = config.effective();
  const snapshotter = await openSnapshotter({ config: effective, layout, store, logger });
  const runtime = await resolveRuntime({
    config: effective,
    layout,
    storeId: store.storeId(),
    logger,
    isPortTaken: (port) => store.listInstances({ statuses: ['active', 'stopped'] }).some((i) => i.port === port),
  });
  registerSandboxes(c, { snapshotter, runtime, network: effective.runtime.docker.network });
  const { prepare, instances, streamSlots } = registerServices(c);
  work = () => {
    const jobs = prepare.activeJobs();
    return { running_jobs: jobs.running, queued_jobs: jobs.queued, active_runs: instances.active(), open_streams: streamSlots.open };
  };
  drain = (deadlineMs) => prepare.shutdown(deadlineMs);
  config.subscribe((change) => {
    if (change.keys.some((key) => key.startsWith('cache.capacity'))) void prepare.enforceCache('config_change');
  });
  // The process runtime's first resolve searches and hashes ~10 MB of binaries (~0.1 s): done
  // beside recovery, before listening, so no prepare pays for it.
  const warmed = runtime.warmUp?.();
  // Recovery before listening (engine.md §10): jobs, states and temp dirs, then instances.
  const recovered = await prepare.recover();
  await instances.reconcile({ restartStopped: false });
  const reaped = await instances.sweepExpired();
  logger.info({ recovered, reaped }, 'recovery done');
  await warmed;
  cleanups.unshift(() => removeEngineJson(engineJsonPath, info.instanceId).then(() => undefined));
  const api = c.resolve(TOKENS.HttpApi);

  server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: api.app.fetch, hostname: flags.listen.host, port: flags.listen.port }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = formatEndpoint(flags.listen.host, port);
  await writeEngineJson(engineJsonPath, {
    endpoint,
    pid: info.pid,
    startedAt: info.startedAt,
    authToken: info.authToken,
    version: info.version,
    instanceId: info.instanceId,
  });
  const rotation = setInterval(() => rotateLogFile(layout.engineLog), LOG_ROTATE_INTERVAL_MS);
  rotation.unref();
  cleanups.unshift(() => clearInterval(rotation));
  // Periodic reconciliation (engine.md §10): right after listening, then every 60 s; it restarts
  // stopped instances, which clients reach through their DSN and never through the engine.
  const reconcile = (): void =>
    void instances.reconcile().catch((err: unknown) => logger.warn({ err }, 'reconciliation failed'));
  reconcile();
  const reconciliation = setInterval(reconcile, RECONCILE_INTERVAL_MS);
  reconciliation.unref();
  cleanups.unshift(() => clearInterval(reconciliation));
  // TTL reaper (api.md §5.5): every 10 s; instances in use are skipped and counted.
  let sweeping = false;
  const sweep = (): void => {
    if (sweeping) return;
    sweeping = true;
    instances
      .sweepExpired()
      .then(() => updateInstanceGauge(store, c.resolve(TOKENS.Metrics)))
      .catch((err: unknown) => logger.warn({ err }, 'expiry sweep failed'))
      .finally(() => (sweeping = false));
  };
  const reaper = setInterval(sweep, EXPIRY_SWEEP_INTERVAL_MS);
  reaper.unref();
  cleanups.unshift(() => clearInterval(reaper));
  logger.info(
    { endpoint, store_root: layout.root, store_id: store.storeId(), version: info.version, runtime: runtime.kind, snapshot_backend: snapshotter.kind },
    'engine listening',
  );

  return {
    endpoint,
    engineJsonPath,
    stop: async () => {
      shutdown.request({ drain: false, timeoutSeconds: 5 });
      await shutdown.done;
    },
    done: shutdown.done,
  };
}


async function closeServer(server: Server | undefined): Promise<void> {
  if (server === undefined) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function runCleanups(cleanups: Cleanup[], logger: Logger): Promise<void> {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (err) {
      logger.error({ err }, 'shutdown step failed');
    }
  }
}
