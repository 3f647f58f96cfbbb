import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { SqlrsError } from '@sqlrs/errors';

/** How to reach a starting server and how to tell that it died. */
export interface WaitReadyOptions {
  /** Unix socket directory as seen from the engine. */
  socketDir: string;
  port: number;
  user: string;
  /** Defaults to `postgres`. */
  database?: string;
  deadlineMs: number;
  /** True once the server process (or container) has exited. */
  exited: () => boolean;
  /** The server log so far (only its last 50 lines are kept). */
  logTail: () => Promise<string>;
  /** Run over the first connection that answers instead of `SELECT 1`; its failure fails the wait. */
  readySql?: string;
  /**
   * A cheap sign that the server may be ready (process runtime: `postmaster.pid`). During the fast
   * phase a connection is only tried once it says so; after it, polling goes on as without one.
   */
  readyHint?: ReadyHint;
}

/** What `waitReady` asks a readiness hint. */
export interface ReadyHint {
  /** True when a connection attempt is worth making now. */
  ready(): Promise<boolean>;
  /** Resolves when the hint may have changed, or after `timeoutMs`. */
  changed(timeoutMs: number): Promise<void>;
}

const FAST_PHASE_MS = 200;
const FAST_INTERVAL_MS = 5;
const SLOW_INTERVAL_MS = 25;
const TAIL_LINES = 50;

/** The last `count` lines of `text`, without a trailing empty line. */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.slice(-count).join('\n');
}

/** True once the server answered; a connection refused or not yet possible is false. */
async function tryReady(options: WaitReadyOptions, timeoutMs: number): Promise<boolean> {
  const client = new Client({
    host: options.socketDir,
    port: options.port,
    user: options.user,
    database: options.database ?? 'postgres',
    connectionTimeoutMillis: Math.max(1, Math.ceil(timeoutMs)),
  });
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch {
      return false;
    }
    try {
      await client.query(options.readySql ?? 'SELECT 1');
    } catch (error) {
      // Still starting up (57P03) or shutting down after a failed start: try again.
      if ((error as { code?: string }).code?.startsWith('57P') === true) return false;
      if (options.readySql === undefined) return false;
      throw new SqlrsError('internal_error', 'the server started but its set-up statement failed', { details: (error as Error).message, cause: error });
    }
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tail(options: WaitReadyOptions): Promise<string> {
  try {
    const text = lastLines(await options.logTail(), TAIL_LINES);
    return text === '' ? '(the server log is empty)' : text;
  } catch (error) {
    return `(server log unavailable: ${(error as Error).message})`;
  }
}

/**
 * Resolves once the server answers `SELECT 1` (or `readySql`) over its unix socket (engine.md §7.1:
 * every 5 ms for 200 ms, then every 25 ms; with a `readyHint`, the first 200 ms try only when the
 * hint says so, woken by its changes). A server that exits first fails at once with its log tail.
 */
export async function waitReady(options: WaitReadyOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  for (;;) {
    if (options.exited()) {
      throw new SqlrsError('internal_error', 'postgres exited during start-up', { details: await tail(options) });
    }
    const now = Date.now();
    if (now >= deadline) break;
    const fast = now - started < FAST_PHASE_MS;
    const hint = fast ? options.readyHint : undefined;
    const worthTrying = hint === undefined || (await hint.ready());
    if (worthTrying && (await tryReady(options, deadline - Date.now()))) return;
    const wait = Math.min(fast ? FAST_INTERVAL_MS : SLOW_INTERVAL_MS, deadline - Date.now());
    if (hint !== undefined && !worthTrying) await hint.changed(wait);
    else if (wait > 0) await sleep(wait);
  }
  if (options.exited()) {
    throw new SqlrsError('internal_error', 'postgres exited during start-up', { details: await tail(options) });
  }
  throw new SqlrsError('unavailable', `postgres did not accept connections within ${options.deadlineMs} ms`, {
    details: await tail(options),
  });
}
