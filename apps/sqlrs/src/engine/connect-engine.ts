// Connect-or-start: find the store's engine through engine.json, or start one and wait for it.
import type { SqlrsClient } from '@sqlrs/client';
import { SqlrsError } from '@sqlrs/errors';
import { engineBinary } from './engine-binary.js';
import { readEngineJson } from './engine-json.js';
import type { EngineJson } from './engine-json.js';
import { logTail } from './log-tail.js';
import { probeEngine } from './probe-engine.js';
import { spawnEngine } from './spawn-engine.js';
import type { SpawnedEngine } from './spawn-engine.js';

/** Exit code of an engine that found the store locked by another live engine (engine.md §5.2). */
const LOCK_LOST = 3;

/** Options of {@link connectEngine}. */
export interface ConnectOptions {
  readonly storeRoot: string;
  readonly env: NodeJS.ProcessEnv;
  /** Start an engine when none answers (default true). */
  readonly start?: boolean;
  /** How long to wait for a started engine (default 30 s, `SQLRS_ENGINE_START_TIMEOUT_MS`). */
  readonly startTimeoutMs?: number;
  /** Idle timeout passed to a started engine (default `10m`, `SQLRS_ENGINE_IDLE_TIMEOUT`). */
  readonly idleTimeout?: string;
}

/** A connected engine. */
export interface Connection {
  readonly client: SqlrsClient;
  readonly info: EngineJson;
  /** True when this call started the engine. */
  readonly started: boolean;
}

const PROBE_TIMEOUT_MS = 3_000;
const POLL_MS = 100;
// A CLI whose engine lost the lock waits this long for the winner before starting another one.
const RESPAWN_AFTER_MS = 2_000;

/** The running engine of the store, if one answers. */
export async function findEngine(storeRoot: string): Promise<Connection | undefined> {
  const info = await readEngineJson(storeRoot);
  if (info === undefined) return undefined;
  const probe = await probeEngine(info, PROBE_TIMEOUT_MS);
  return probe.ok ? { client: probe.client, info, started: false } : undefined;
}

/**
 * Returns a client for the store's engine, starting one if none answers. Race-safe: two CLIs that
 * both start an engine end on one, because the loser's engine exits 3 on the store lock and its
 * CLI keeps polling engine.json until the winner's appears.
 */
export async function connectEngine(options: ConnectOptions): Promise<Connection> {
  const found = await findEngine(options.storeRoot);
  if (found !== undefined) return found;
  if (options.start === false) {
    throw new SqlrsError('unavailable', `no engine is running for state store ${options.storeRoot}; run "sqlrs engine start"`);
  }
  const timeoutMs = options.startTimeoutMs ?? (Number(options.env['SQLRS_ENGINE_START_TIMEOUT_MS']) || 30_000);
  const idleTimeout = options.idleTimeout ?? options.env['SQLRS_ENGINE_IDLE_TIMEOUT'] ?? '10m';
  const binary = engineBinary(options.env);
  const deadline = Date.now() + timeoutMs;
  let child: SpawnedEngine | undefined;
  let childExit: number | null | undefined;
  let spawnedAt = 0;
  const start = (): void => {
    childExit = undefined;
    spawnedAt = Date.now();
    child = spawnEngine({ binary, storeRoot: options.storeRoot, idleTimeout, env: options.env });
    const mine = child;
    void mine.exited.then((code) => {
      if (child === mine) childExit = code;
    });
  };
  start();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const ready = await findEngine(options.storeRoot);
    if (ready !== undefined) return { ...ready, started: ready.info.pid === child?.pid };
    if (childExit !== undefined && childExit !== LOCK_LOST) throw startFailed(options.storeRoot, binary, child, `the engine exited with code ${childExit}`);
    // The lock holder may be an engine that is shutting down: start again once it is gone.
    if (childExit === LOCK_LOST && Date.now() - spawnedAt > RESPAWN_AFTER_MS) start();
  }
  throw startFailed(options.storeRoot, binary, child, `no engine answered within ${timeoutMs} ms`);
}

function startFailed(storeRoot: string, binary: string, child: SpawnedEngine | undefined, why: string): SqlrsError {
  const tail = child === undefined ? '' : logTail(child.stderrLog);
  return new SqlrsError('unavailable', `could not start the sqlrs engine (${binary}) for state store ${storeRoot}: ${why}`, {
    details: tail === '' ? `see ${storeRoot}/logs/engine.log` : `engine log tail (${child?.stderrLog}):\n${tail}`,
  });
}
