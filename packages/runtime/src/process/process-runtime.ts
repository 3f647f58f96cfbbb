import { execFile, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqlrsError, isSqlrsError } from '@sqlrs/errors';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Logger } from '@sqlrs/telemetry';
import { PortAllocator } from '../port-allocator.js';
import type {
  ChunkSink,
  ClientSpec,
  ExecSpec,
  InitSpec,
  LineSink,
  ResolvedImage,
  Runtime,
  RuntimeProbe,
  RuntimeRef,
  Sandbox,
  StartSpec,
} from '../runtime.js';
import { FileHashCache, binaryFingerprint } from './binary-fingerprint.js';
import type { ServerOwner } from './directory-access.js';
import { binariesStamp, findHostBinaries, type HostBinaries } from './host-binaries.js';
import { parseProcessImageRef } from './image-ref.js';
import { initBaseCluster } from './init-base.js';
import { runCommand } from './run-command.js';
import { spawnClient } from './spawn-client.js';
import { isOurPostmaster, isProcessRunning, processBinary, refOf, scanRuntimeRecords, type RuntimeRecord } from './runtime-record.js';
import { startPostmaster } from './start-postmaster.js';
import { killPostmaster, stopPostmaster } from './stop-postmaster.js';
import { lookupSystemUser, type SystemUser } from './system-user.js';

const run = promisify(execFile);

/** Settings of the process runtime (api.md §8 `runtime.process.*`, `runtime.portRange`). */
export interface ProcessRuntimeOptions {
  layout: StoreLayout;
  /** `runtime.process.binDir`; null or absent = search (engine.md §7.3). */
  binDir?: string | null;
  /** `runtime.process.user`: who runs initdb and postgres when the engine is root (default `postgres`). */
  user?: string;
  portRange?: [number, number];
  /** Ports held elsewhere (active instance rows); never handed out. */
  isPortTaken?: (port: number) => boolean;
  logger?: Logger;
  now?: () => Date;
  /** PATH to search and to give servers; defaults to the engine's PATH. */
  path?: string;
}

const ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386' };
const DEFAULT_PORT_RANGE: [number, number] = [15432, 16431];

function pidOf(ref: RuntimeRef): number | undefined {
  const match = ref.kind === 'process' ? /^process:(\d+)$/.exec(ref.id) : null;
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 10);
}

/** The host-binaries runtime (engine.md §7.3): `postgres` as a detached process per sandbox. */
export class ProcessRuntime implements Runtime {
  readonly kind = 'process' as const;
  private readonly options: ProcessRuntimeOptions;
  private readonly path: string;
  private readonly asRoot = process.getuid?.() === 0;
  private readonly allocator: PortAllocator;
  private readonly hashes = new FileHashCache();
  private readonly byKey = new Map<string, HostBinaries>();
  private readonly children = new Map<number, { record: RuntimeRecord; child: ChildProcess }>();
  private locales: string[] | undefined;
  private user: Promise<SystemUser> | undefined;

  constructor(options: ProcessRuntimeOptions) {
    this.options = options;
    this.path = options.path ?? process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
    this.allocator = new PortAllocator({ range: options.portRange ?? DEFAULT_PORT_RANGE, isTaken: options.isPortTaken });
  }

  private get arch(): string {
    return ARCH[process.arch] ?? process.arch;
  }

  /** Search results per major, reused while the binaries' stat is unchanged (a probe runs per submit). */
  private readonly found = new Map<string, { binaries: HostBinaries; stamp: string }>();

  private async find(major: number | undefined): Promise<HostBinaries> {
    const key = major === undefined ? 'newest' : String(major);
    const hit = this.found.get(key);
    if (hit !== undefined && (await binariesStamp(hit.binaries)) === hit.stamp) return hit.binaries;
    const binaries = await findHostBinaries(major, { binDir: this.options.binDir, path: this.path });
    this.found.set(key, { binaries, stamp: await binariesStamp(binaries) });
    return binaries;
  }

  /** Looked up once per runtime: `id` costs two process spawns, and every plan resolves the image. */
  private serverUser(): Promise<SystemUser | undefined> {
    if (!this.asRoot) return Promise.resolve(undefined);
    if (this.user === undefined) {
      const lookup = lookupSystemUser(this.options.user ?? 'postgres');
      // A failed lookup (the user is not created yet) is tried again next time.
      lookup.catch(() => {
        if (this.user === lookup) this.user = undefined;
      });
      this.user = lookup;
    }
    return this.user;
  }

  private owner(image: ResolvedImage): ServerOwner | undefined {
    return this.asRoot ? { uid: image.runUid, gid: image.runGid } : undefined;
  }

  private async binariesFor(image: ResolvedImage): Promise<HostBinaries> {
    const known = this.byKey.get(image.imageKey);
    if (known !== undefined) return known;
    const binaries = await this.find(image.pgMajor);
    const key = `process:sha256:${await binaryFingerprint(binaries, this.arch, this.hashes)}`;
    if (key !== image.imageKey) {
      throw new SqlrsError('unavailable', `host PostgreSQL binaries changed since ${image.displayRef} was resolved; prepare again to rebuild on the current ones`, {
        details: `${binaries.binDir} now has ${key}, expected ${image.imageKey}`,
      });
    }
    this.byKey.set(key, binaries);
    return binaries;
  }

  private async hostLocales(): Promise<string[]> {
    if (this.locales === undefined) {
      const listed = await run('locale', ['-a'], { timeout: 10_000 }).then(
        ({ stdout }) => stdout.split('\n').map((l) => l.trim()).filter((l) => l !== ''),
        () => [] as string[],
      );
      this.locales = listed.length > 0 ? listed : ['C', 'POSIX'];
    }
    return this.locales;
  }

  async probe(): Promise<RuntimeProbe> {
    try {
      const binaries = await this.find(undefined);
      await this.serverUser();
      return { ok: true, version: `PostgreSQL ${binaries.pgVersion} (${binaries.binDir})` };
    } catch (error) {
      if (!isSqlrsError(error)) throw error;
      // Our unavailable messages read "<what is wrong>; <what to do>".
      const cut = error.message.indexOf('; ');
      if (cut === -1) return { ok: false, reason: error.message, fix: 'check the host PostgreSQL installation' };
      return { ok: false, reason: error.message.slice(0, cut), fix: error.message.slice(cut + 2) };
    }
  }

  /** Resolves the newest major (`postgres`) and its tagged ref, so a first prepare finds them memoised. */
  async warmUp(): Promise<void> {
    try {
      const newest = await this.resolveImage('postgres', { pull: 'never' });
      await this.resolveImage(`postgres:${newest.pgMajor}`, { pull: 'never' });
    } catch (error) {
      this.options.logger?.debug({ err: error }, 'process runtime: binaries not resolved ahead');
    }
  }

  async resolveImage(ref: string, options: { pull: 'missing' | 'never'; signal?: AbortSignal }): Promise<ResolvedImage> {
    if (options.signal?.aborted) throw new SqlrsError('cancelled', `resolving ${ref} was cancelled`);
    const parsed = parseProcessImageRef(ref);
    const binaries = await this.find(parsed.major);
    const hex = await binaryFingerprint(binaries, this.arch, this.hashes);
    if (parsed.digestHex !== undefined && parsed.digestHex !== hex) {
      throw new SqlrsError('unavailable', `host PostgreSQL binaries changed: ${ref} no longer matches the binaries in ${binaries.binDir}; use an image reference without the digest`, {
        details: `current fingerprint sha256:${hex}`,
      });
    }
    const user = await this.serverUser();
    const imageKey = `process:sha256:${hex}`;
    this.byKey.set(imageKey, binaries);
    return {
      imageKey,
      displayRef: `postgres:${binaries.pgVersion}@sha256:${hex}`,
      platform: `${process.platform}/${this.arch}`,
      pgMajor: binaries.pgMajor,
      pgVersion: binaries.pgVersion,
      runUid: user?.uid ?? process.getuid?.() ?? 0,
      runGid: user?.gid ?? process.getgid?.() ?? 0,
      locales: await this.hostLocales(),
    };
  }

  async initBase(image: ResolvedImage, dataDir: string, spec: InitSpec, sink: LineSink): Promise<void> {
    const binaries = await this.binariesFor(image);
    await initBaseCluster({ binaries, owner: this.owner(image), roots: this.roots(), path: this.path }, dataDir, spec, sink);
  }

  /** Directories the engine made: the store, and the `/tmp/sqlrs-<uid>-<store>` socket fallback. */
  private roots(socketDir?: string): string[] {
    const fallback = socketDir === undefined ? null : /^\/tmp\/sqlrs-\d+-[0-9a-f]{8}(?=\/)/.exec(socketDir);
    return fallback === null ? [this.options.layout.root] : [this.options.layout.root, fallback[0]];
  }

  async start(spec: StartSpec): Promise<Sandbox> {
    const binaries = await this.binariesFor(spec.image);
    const sandbox = await startPostmaster(
      {
        binaries,
        owner: this.owner(spec.image),
        roots: this.roots(spec.socketDir),
        allocator: this.allocator,
        path: this.path,
        now: this.options.now ?? (() => new Date()),
        onSpawn: (record, child) => {
          this.children.set(record.pid, { record, child });
          child.once('exit', () => this.children.delete(record.pid));
        },
      },
      spec,
    );
    this.options.logger?.debug({ ref: sandbox.ref, port: sandbox.endpoint.port }, 'process sandbox started');
    return sandbox;
  }

  /** The record of a sandbox this runtime started, or one found in the store's runtime.json files. */
  private async locate(ref: RuntimeRef): Promise<RuntimeRecord | undefined> {
    const pid = pidOf(ref);
    if (pid === undefined) return undefined;
    const mine = this.children.get(pid);
    if (mine !== undefined) return mine.record;
    const records = await scanRuntimeRecords(this.options.layout);
    return records.find((r) => r.pid === pid && r.store_id === ref.storeId);
  }

  private async resolveTool(sandbox: Sandbox, tool: string): Promise<string> {
    if (tool.includes('/')) return tool;
    const record = await this.locate(sandbox.ref);
    if (record === undefined) return tool;
    const candidate = join(record.binary, '..', tool);
    return access(candidate, constants.X_OK).then(
      () => candidate,
      () => tool,
    );
  }

  async exec(sandbox: Sandbox, spec: ExecSpec, sink: LineSink, signal?: AbortSignal): Promise<{ exitCode: number }> {
    const [tool, ...args] = spec.argv;
    if (tool === undefined) throw new SqlrsError('internal_error', 'exec needs a command', { details: 'empty argv' });
    return runCommand({
      file: await this.resolveTool(sandbox, tool),
      args,
      env: { PATH: this.path, ...spec.env },
      cwd: spec.cwd,
      stdin: spec.stdin,
      sink,
      signal,
    });
  }

  async runClient(sandbox: Sandbox, spec: ClientSpec, out: ChunkSink, signal: AbortSignal): Promise<{ exitCode: number }> {
    const [tool, ...args] = spec.argv;
    if (tool === undefined) throw new SqlrsError('internal_error', 'a run needs a command', { details: 'empty argv' });
    return spawnClient({
      file: await this.resolveTool(sandbox, tool),
      args,
      env: { PATH: this.path, ...spec.env },
      cwd: spec.cwd,
      stdin: spec.stdin,
      out,
      signal,
    });
  }

  async stop(sandbox: Sandbox, options: { mode: 'fast' | 'immediate'; timeoutMs: number }): Promise<void> {
    const record = await this.locate(sandbox.ref);
    if (record === undefined) {
      throw new SqlrsError('not_found', `sandbox ${sandbox.ref.id} is not known to the process runtime; it may have been removed`);
    }
    const mine = this.children.has(record.pid) || (await isOurPostmaster(record));
    const pgdata = join(record.data_dir, 'pgdata');
    await stopPostmaster(mine ? record.pid : undefined, pgdata, options.mode, options.timeoutMs);
  }

  async remove(ref: RuntimeRef): Promise<void> {
    const record = await this.locate(ref);
    if (record === undefined) return;
    const ours = this.children.has(record.pid) || (isProcessRunning(record.pid) && processBinary(record.pid) === record.binary);
    if (ours) await killPostmaster(record.pid);
  }

  async list(storeId: string): Promise<RuntimeRef[]> {
    const refs = new Map<number, RuntimeRef>();
    for (const { record } of this.children.values()) {
      if (record.store_id === storeId && isProcessRunning(record.pid)) refs.set(record.pid, refOf(record, true));
    }
    for (const record of await scanRuntimeRecords(this.options.layout)) {
      if (record.store_id === storeId && !refs.has(record.pid) && (await isOurPostmaster(record))) {
        refs.set(record.pid, refOf(record, true));
      }
    }
    return [...refs.values()];
  }
}
