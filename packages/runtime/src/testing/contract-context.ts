import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { instanceSocketDir } from '@sqlrs/statefs';
import type { LineSink, ResolvedImage, Runtime, RuntimeRef, Sandbox, StartSpec } from '../runtime.js';
import type { RuntimeContractEnv } from './contract-env.js';

const run = promisify(execFile);

/** A sandbox directory made for a case: data dir with a copy of the base, and its socket dir. */
export interface SandboxDirs {
  id: string;
  dir: string;
  dataDir: string;
  socketDir: string;
}

/** Shared state of one contract run: the env, the resolved image and the base cluster. */
export class ContractContext {
  readonly env: RuntimeContractEnv;
  readonly image: ResolvedImage;
  readonly baseDir: string;
  private readonly refs: { runtime: Runtime; ref: RuntimeRef }[] = [];

  constructor(env: RuntimeContractEnv, image: ResolvedImage, baseDir: string) {
    this.env = env;
    this.image = image;
    this.baseDir = baseDir;
  }

  get runtime(): Runtime {
    return this.env.runtime;
  }

  get asRoot(): boolean {
    return process.getuid?.() === 0;
  }

  /** A fresh instance directory holding a `cp -a` copy of the base cluster (or of `source`). */
  async newDirs(source = join(this.baseDir, 'pgdata')): Promise<SandboxDirs> {
    const id = randomId();
    const layout = this.env.layout;
    const dir = layout.instanceDir(id);
    const dataDir = layout.instanceDataDir(id);
    const mode = this.asRoot ? 0o711 : 0o700;
    await mkdir(dataDir, { recursive: true, mode });
    await chmod(dir, mode);
    await chmod(dataDir, mode);
    await run('cp', ['-a', source, join(dataDir, 'pgdata')]);
    const socketDir = instanceSocketDir(layout, id, { port: 65535, uid: process.getuid?.() ?? 0, storeId: this.env.storeId });
    return { id, dir, dataDir, socketDir };
  }

  /** A start spec for `dirs` with sensible defaults. */
  spec(dirs: SandboxDirs, overrides: Partial<StartSpec> = {}): StartSpec {
    return {
      purpose: 'instance',
      ownerId: dirs.id,
      storeId: this.env.storeId,
      image: this.image,
      dataDir: dirs.dataDir,
      socketDir: dirs.socketDir,
      settings: {},
      readyDeadlineMs: 30_000,
      ...overrides,
    };
  }

  /** Starts a sandbox and remembers it for removal after the suite. */
  async start(spec: StartSpec, runtime: Runtime = this.runtime): Promise<Sandbox> {
    const sandbox = await runtime.start(spec);
    this.track(runtime, sandbox.ref);
    return sandbox;
  }

  track(runtime: Runtime, ref: RuntimeRef): void {
    this.refs.push({ runtime, ref });
  }

  async removeAll(): Promise<void> {
    for (const { runtime, ref } of this.refs.splice(0)) await runtime.remove(ref).catch(() => undefined);
  }

  /** psql arguments that reach `sandbox` from inside `exec`. */
  psql(sandbox: Sandbox, ...args: string[]): string[] {
    const socket = this.env.execSocketDir(sandbox);
    const port = String(sandbox.endpoint.innerPort);
    return ['psql', '-X', '-v', 'ON_ERROR_STOP=1', '-h', socket, '-p', port, '-U', 'sqlrs', '-d', 'postgres', ...args];
  }
}

/** A random 32-hex id (instance ids, store ids). */
export function randomId(): string {
  return randomBytes(16).toString('hex');
}

/** A `LineSink` that records every line with its stream. */
export function recordingSink(): { lines: [string, string][]; sink: LineSink; of: (stream: string) => string[] } {
  const lines: [string, string][] = [];
  return {
    lines,
    sink: (stream, line) => lines.push([stream, line]),
    of: (stream) => lines.filter(([s]) => s === stream).map(([, line]) => line),
  };
}

/** How a case connects: over the sandbox's unix socket, or over TCP with an optional password. */
export type Via = { socket: true; user?: string } | { socket: false; password?: string };

/** Runs `sql` on `sandbox` and returns its rows. */
export async function query(sandbox: Sandbox, via: Via, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client(
    via.socket
      ? { host: sandbox.endpoint.socketDir, port: sandbox.endpoint.innerPort, user: via.user ?? 'sqlrs', database: 'postgres' }
      : {
          host: sandbox.endpoint.host,
          port: sandbox.endpoint.port,
          user: 'sqlrs',
          database: 'postgres',
          password: via.password ?? '',
        },
  );
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end().catch(() => undefined);
  }
}
