import pg from 'pg';

/** Where the engine reaches an instance's server: its unix socket directory and the port inside. */
export interface InstanceEndpoint {
  socketDir: string;
  port: number;
}

/** A live count of client sessions (engine.md §11). */
export type ConnCount =
  | { state: 'known'; clients: number }
  | { state: 'not_running' }
  | { state: 'unknown'; reason: 'timeout' | 'error' };

/** Counts client sessions of instances. */
export interface ConnTracker {
  count(instanceId: string, o?: { timeoutMs?: number }): Promise<ConnCount>;
}

/** The `application_name` of the engine's own sessions; they never count. */
export const ENGINE_APPLICATION_NAME = 'sqlrs-engine';

/** Connect + query budget (engine.md §11). */
export const DEFAULT_COUNT_TIMEOUT_MS = 500;

const COUNT_SQL = `SELECT count(*)::int AS clients FROM pg_stat_activity
  WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
    AND coalesce(application_name, '') <> '${ENGINE_APPLICATION_NAME}'`;

/** Collaborators of the tracker. */
export interface ConnTrackerOptions {
  /** The endpoint of a running instance; undefined when it is not running (stopped, expired, gone). */
  endpointOf(instanceId: string): InstanceEndpoint | undefined;
}

/**
 * Counts client backends in `pg_stat_activity` over the instance socket as `sqlrs`. Background
 * workers and the engine's own sessions are excluded. A server that does not answer within the
 * budget is `unknown`, never 0: a delete must not treat "could not look" as "nobody there".
 */
export function createConnTracker(options: ConnTrackerOptions): ConnTracker {
  return {
    async count(instanceId, o = {}) {
      const endpoint = options.endpointOf(instanceId);
      if (endpoint === undefined) return { state: 'not_running' };
      return countAt(endpoint, o.timeoutMs ?? DEFAULT_COUNT_TIMEOUT_MS);
    },
  };
}

/** One count against an endpoint, bounded by `timeoutMs` (connect + query). */
export async function countAt(endpoint: InstanceEndpoint, timeoutMs: number): Promise<ConnCount> {
  const client = new pg.Client({
    host: endpoint.socketDir,
    port: endpoint.port,
    user: 'sqlrs',
    database: 'postgres',
    application_name: ENGINE_APPLICATION_NAME,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: Math.max(1, timeoutMs - 100),
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ConnCount>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'unknown', reason: 'timeout' }), timeoutMs);
  });
  const query = (async (): Promise<ConnCount> => {
    await client.connect();
    const result = await client.query<{ clients: number }>(COUNT_SQL);
    return { state: 'known', clients: result.rows[0]?.clients ?? 0 };
  })().catch((): ConnCount => ({ state: 'unknown', reason: 'error' }));
  try {
    return await Promise.race([query, deadline]);
  } finally {
    clearTimeout(timer);
    void client.end().catch(() => undefined);
  }
}

/** The API's `connections` value of a count: not running = 0, unknown = null (api.md §5.1). */
export function connectionsOf(count: ConnCount): number | null {
  if (count.state === 'known') return count.clients;
  return count.state === 'not_running' ? 0 : null;
}
