import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDockerRuntime, createProcessRuntime } from '@sqlrs/runtime';
import type { ResolvedImage, Runtime } from '@sqlrs/runtime';
import { createCopySnapshotter } from '@sqlrs/snapshot';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import { createMemoryStore, fixtureBase, fixtureJob, fixtureState, id64 } from '@sqlrs/store/testing';
import { createInstanceService } from '../../src/index.js';
import type { InstanceService, InstanceServiceConfig } from '../../src/index.js';

/** A logger that keeps what it was told. */
function recordingLogger(): { logger: { debug: () => void; info: () => void; warn: (o: unknown, m?: string) => void; error: (o: unknown, m?: string) => void }; warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (_o, m) => warnings.push(m ?? ''),
      error: (_o, m) => warnings.push(m ?? ''),
    },
  };
}

/** A store (in memory), a real process runtime, copy snapshotter and one ready state built by initdb. */
export interface ProcessEnv {
  layout: StoreLayout;
  store: Store;
  runtime: Runtime;
  image: ResolvedImage;
  stateId: string;
  service: InstanceService;
  warnings: string[];
  /** A fresh service object over the same store and runtime (an engine restart). */
  reopen(): InstanceService;
  /** Like reopen, with other tunables. */
  reopenWith(config: InstanceServiceConfig): InstanceService;
  cleanup(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

async function mkdirs(root: string, rel: string): Promise<void> {
  let dir = root;
  for (const part of rel.split('/')) {
    dir = join(dir, part);
    await mkdir(dir, { recursive: true });
    await chmod(dir, asRoot ? 0o711 : 0o700);
  }
}

/** Which runtime an environment uses: host processes, or Docker with `sqlrs-test/postgres:15`. */
export type EnvKind = 'process' | 'docker';

/** Builds a ProcessEnv; throws (never skips) when host PostgreSQL 15 (or Docker and its image) is missing. */
export async function processEnv(kind: EnvKind = 'process'): Promise<ProcessEnv> {
  const root = await mkdtemp(join(tmpdir(), 'sqlrs-inst-'));
  const layout = new StoreLayout(root);
  await ensureStoreDirs(layout, { asRoot });
  // The in-memory store runs the same contract suite as store-sqlite, which the package graph keeps out of reach.
  const store = createMemoryStore({ storeId: randomBytes(16).toString('hex') });
  const runtime =
    kind === 'process' ? createProcessRuntime({ layout }) : createDockerRuntime({ layout, network: 'auto', storeId: store.storeId() });
  const image = await runtime.resolveImage(kind === 'process' ? 'postgres:15' : 'sqlrs-test/postgres:15', { pull: 'never' });
  const stateId = id64('5');
  const stateRel = `engines/postgres/pg15-bbbbbbbbbbbbbbbb/states`;
  await mkdirs(root, stateRel);
  await runtime.initBase(image, join(root, stateRel, stateId), { encoding: 'UTF8', locale: 'C.UTF-8' }, () => undefined);
  store.upsertImage({
    imageKey: image.imageKey,
    runtimeKind: kind,
    displayRef: image.displayRef,
    repoDigest: null,
    platform: image.platform,
    pgMajor: image.pgMajor,
    pgVersion: image.pgVersion,
    runUid: image.runUid,
    runGid: image.runGid,
    locales: image.locales.join('\n'),
    firstSeenAt: 1,
    lastUsedAt: 1,
  });
  store.upsertBase(fixtureBase({ imageKey: image.imageKey }));
  store.insertState(fixtureState(stateId, { inputId: image.imageKey, relPath: `${stateRel}/${stateId}` }));
  store.markStateReady(stateId, { readyAt: 2, sizeApparentBytes: 1, sizeAllocatedBytes: 1, minRetentionUntil: null });
  const { logger, warnings } = recordingLogger();
  const make = (config: InstanceServiceConfig = {}): InstanceService =>
    createInstanceService({ store, layout, runtime, snapshotter: createCopySnapshotter(), logger, config });
  const service = make();
  return {
    layout,
    store,
    runtime,
    image,
    stateId,
    service,
    warnings,
    reopen: () => make(),
    reopenWith: make,
    async cleanup() {
      for (const ref of await runtime.list(store.storeId())) await runtime.remove(ref).catch(() => undefined);
      store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Inserts a psql job row (instances reference their job) and returns its id. */
export function newJob(store: Store, jobId: string): string {
  if (store.getJob(jobId) === undefined) store.insertJob(fixtureJob(jobId));
  return jobId;
}

/** Runs `sql` over TCP as sqlrs with `password`; rejects when the login fails. */
export async function tcpQuery(port: number, password: string | undefined, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'sqlrs', database: 'postgres', password: password ?? '' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The message of a rejected promise. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a rejection');
}
