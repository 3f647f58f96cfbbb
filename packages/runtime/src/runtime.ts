/** The sandbox runtimes (engine.md §7). */
export type RuntimeKind = 'docker' | 'process';

/** Why a sandbox exists; recorded in labels / runtime.json and used by reconciliation. */
export type SandboxPurpose = 'build' | 'instance' | 'plan' | 'init' | 'run';

/** A PostgreSQL distribution resolved to a content identity (engine.md §1 `image`). */
export interface ResolvedImage {
  /** `docker:sha256:<64hex>` or `process:sha256:<64hex>`. */
  imageKey: string;
  /** The reference shown as `resolved_image_id`; resolving it again yields the same key. */
  displayRef: string;
  repoDigest?: string;
  platform: string;
  pgMajor: number;
  pgVersion: string;
  /** uid/gid that runs initdb and postgres for this image (read, never assumed). */
  runUid: number;
  runGid: number;
  locales: string[];
}

/** How a base cluster is initialised; part of the base id. */
export interface InitSpec {
  encoding: 'UTF8';
  locale: string;
}

/** Receives a tool's output one line at a time, in order. */
export type LineSink = (stream: 'stdout' | 'stderr', line: string) => void;

/** What to start: PostgreSQL on a data directory. */
export interface StartSpec {
  purpose: 'build' | 'instance' | 'plan';
  /** The job or instance the sandbox belongs to (labels, names). */
  ownerId: string;
  storeId: string;
  image: ResolvedImage;
  /** Directory holding `pgdata/`. */
  dataDir: string;
  /** Unix socket directory (0700, owned by the server uid). */
  socketDir: string;
  /** Host port; allocated by the runtime when absent. */
  port?: number;
  /** Extra `-c name=value` settings (engine-owned ones are added by the runtime). */
  settings: Record<string, string>;
  /** Host directories exposed read-only at the same absolute path. */
  inputDirs?: string[];
  limits?: { memoryBytes?: number; nanoCpus?: number; shmBytes?: number };
  readyDeadlineMs: number;
  /**
   * SQL run once over the readiness connection before `start` resolves (instances set their
   * password here, saving a second connection); its failure fails the start.
   */
  readySql?: string;
}

/** A command run next to a sandbox's server (psql of a build step). */
export interface ExecSpec {
  argv: string[];
  env: Record<string, string>;
  cwd?: string;
  stdin?: string;
}

/** A run's client tool (psql/pgbench) beside an instance (engine.md §8.4). */
export interface ClientSpec {
  /** argv[0] without a slash is taken from the sandbox's PostgreSQL bin dir. */
  argv: string[];
  /** The whole environment of the tool besides PATH (the PG* connection variables). */
  env: Record<string, string>;
  cwd?: string;
  /** Host directories the tool reads (`-f` files), exposed read-only at the same path. */
  inputDirs: string[];
  /** Written whole, then stdin is half-closed. */
  stdin?: string;
}

/** Receives a client tool's output as produced, unsplit. */
export interface ChunkSink {
  stdout(chunk: Uint8Array): void;
  stderr(chunk: Uint8Array): void;
}

/** Identifies something a runtime created, for stop/remove/reconciliation. */
export interface RuntimeRef {
  kind: RuntimeKind;
  /** Container id, or `process:<pid>`. */
  id: string;
  purpose: SandboxPurpose;
  ownerId: string;
  storeId: string;
  running: boolean;
}

/** A started server and how to reach it. */
export interface Sandbox {
  ref: RuntimeRef;
  endpoint: {
    host: '127.0.0.1';
    /** Reachable from the host. */
    port: number;
    /** Inside the sandbox's network namespace (bridge: 5432; otherwise = port). */
    innerPort: number;
    socketDir: string;
  };
}

/** Outcome of a runtime probe. */
export type RuntimeProbe = { ok: true; version: string } | { ok: false; reason: string; fix: string };

/**
 * Runs PostgreSQL sandboxes (engine.md §7.1). Errors are `SqlrsError`s: missing parts are
 * `unavailable` with a message that says what to do.
 */
export interface Runtime {
  readonly kind: RuntimeKind;
  probe(): Promise<RuntimeProbe>;
  /**
   * Optional start-up work that makes the first `resolveImage` cheap (the process runtime finds and
   * hashes its binaries); never rejects. The engine awaits it beside recovery, before listening.
   */
  warmUp?(): Promise<void>;
  resolveImage(ref: string, options: { pull: 'missing' | 'never'; signal?: AbortSignal }): Promise<ResolvedImage>;
  /** initdb into `dataDir/pgdata` as the image's postgres uid, with sqlrs's roles and pg_hba. */
  initBase(image: ResolvedImage, dataDir: string, spec: InitSpec, sink: LineSink): Promise<void>;
  /** Starts postgres and resolves once it accepts connections, or throws with its log tail. */
  start(spec: StartSpec): Promise<Sandbox>;
  /** Runs a command beside the server, streaming lines; resolves with its exit code. */
  exec(sandbox: Sandbox, spec: ExecSpec, sink: LineSink, signal?: AbortSignal): Promise<{ exitCode: number }>;
  /**
   * Runs a run's client tool against the sandbox as the engine's uid (engine.md §8.4), streaming
   * output chunks; resolves with its exit code (128 + signal when killed). Aborting `signal` stops
   * the tool (SIGTERM, SIGKILL after 5 s) and still resolves with the code it ended with.
   */
  runClient(sandbox: Sandbox, spec: ClientSpec, out: ChunkSink, signal: AbortSignal): Promise<{ exitCode: number }>;
  /** Stops the server; `fast` is verified as a clean shutdown (pg_control state 1). */
  stop(sandbox: Sandbox, options: { mode: 'fast' | 'immediate'; timeoutMs: number }): Promise<void>;
  /** Removes what `ref` names; idempotent. */
  remove(ref: RuntimeRef): Promise<void>;
  /** Everything this runtime holds for a store, running or not. */
  list(storeId: string): Promise<RuntimeRef[]>;
}
