import type { PrepareKind } from '@sqlrs/contract';

/** How a client reaches the engine (`createClient`). */
export interface ClientOptions {
  /** `host:port` as engine.json has it (`127.0.0.1:54321`), or a full `http://` URL without a path. */
  endpoint: string;
  /** engine.json `authToken`, sent as `Authorization: Bearer <token>` on every call; only `health` works without it. */
  token?: string | undefined;
  /** The fetch implementation; default Node's global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Timeout per call in ms, default 120 000; streams apply it until the headers arrive; 0 disables it. */
  timeoutMs?: number | undefined;
}

/** Options every method takes. */
export interface CallOptions {
  /** Aborts the call (and closes a stream); the call then fails with code `cancelled`. */
  signal?: AbortSignal | undefined;
}

/** Options of the list methods. */
export interface ListOptions extends CallOptions {
  /** Ask for NDJSON (`Accept: application/x-ndjson`) instead of a JSON array; the result is the same. */
  ndjson?: boolean | undefined;
}

/** Query flags of `DELETE /v1/prepare-jobs/{id}` and `DELETE /v1/instances/{id}` (wire names). */
export interface DeleteOptions extends CallOptions {
  force?: boolean | undefined;
  dry_run?: boolean | undefined;
}

/** Query flags of `DELETE /v1/states/{id}` (wire names). */
export interface StateDeleteOptions extends DeleteOptions {
  recurse?: boolean | undefined;
}

/** Query flag of `POST /v1/instances/{id}/reset`. */
export interface ResetOptions extends CallOptions {
  /** Terminate open sessions instead of answering 409. */
  force?: boolean | undefined;
}

/** Options of the job events stream. */
export interface EventsOptions extends CallOptions {
  /** First `seq` to receive: sends `Range: events=<fromSeq>-` (resume with the last seen seq + 1). */
  fromSeq?: number | undefined;
  /** Last `seq` to receive (inclusive): sends `Range: events=<fromSeq ?? 0>-<toSeq>`. */
  toSeq?: number | undefined;
}

/** Options of `GET /v1/config`. */
export interface ConfigReadOptions extends CallOptions {
  /** Merge defaults with overrides (`effective=true`) instead of overrides only. */
  effective?: boolean | undefined;
}

/** Filters of `GET /v1/prepare-jobs` (wire names). */
export interface PrepareJobFilters {
  /** Job id prefix, 1..32 hex. */
  job?: string | undefined;
  /** Id prefix, 8..32 hex. */
  id_prefix?: string | undefined;
}

/** Filter of `GET /v1/tasks`. */
export interface TaskFilters {
  /** Exact job id. */
  job?: string | undefined;
}

/** Filters of `GET /v1/names`. */
export interface NameFilters {
  instance?: string | undefined;
  state?: string | undefined;
  image?: string | undefined;
}

/** Filters of `GET /v1/instances`. */
export interface InstanceFilters {
  id_prefix?: string | undefined;
  state?: string | undefined;
  image?: string | undefined;
}

/** Filters of `GET /v1/states`. */
export interface StateFilters {
  id_prefix?: string | undefined;
  kind?: PrepareKind | undefined;
  image?: string | undefined;
}
