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
import { buildContainer } from './build-container.js';
import type { EngineFlags } from './engine-flags.js';
import { ENGINE_VERSION } from './engine-version.js';
import { IdleMonitor } from './idle-monitor.js';
import { formatEndpoint } from './listen-address.js';
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
  const engineJsonPath = flags.writeEngineJson ?? layout.engineJson;
  const idle = new IdleMonitor({
    idleMs: flags.idleTimeoutMs,
    onIdle: () => {
      logger.info({ idle_ms: flags.idleTimeoutMs }, 'idle timeout reached; shutting down');
      shutdown.request({ drain: false, timeoutSeconds: 0 });
    },
  });
  const shutdown = new ShutdownController({
    now: Date.now,
    counts: () => ({ running_jobs: 0, active_runs: 0, open_streams: 0 }),
    run: async () => {
      logger.info('shutting down');
      idle.stop();
      await closeServer(server);
      await runCleanups(cleanups, logger);
      logger.info('engine stopped');
      logger.flush();
    },
  });

  const c = buildContainer({ info, logger, layout, config, shutdown, activity: idle, clock: Date.now, randomId: ctx.randomId });
  const store = c.resolve(TOKENS.Store);
  cleanups.unshift(() => store.close());
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
  logger.info({ endpoint, store_root: layout.root, store_id: store.storeId(), version: info.version }, 'engine listening');

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
