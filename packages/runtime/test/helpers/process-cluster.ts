import { execFile } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StoreLayout } from '@sqlrs/statefs';
import { afterAll, beforeAll } from 'vitest';
import { createProcessRuntime } from '../../src/index.js';
import type { ResolvedImage, Runtime, StartSpec } from '../../src/runtime.js';
import { type TempStore, tempStore } from './temp-store.js';

const run = promisify(execFile);

/** A process runtime with a resolved image and one base cluster, for tests that need a real server. */
export interface ProcessCluster {
  runtime: Runtime;
  image: ResolvedImage;
  baseDir: string;
  /** The host bin dir the image was resolved to (`pg_config --bindir`). */
  binDir: string;
  /** A start spec over a fresh `cp -a` copy of the base in a new instance dir. */
  newSpec(): Promise<StartSpec>;
}

let counter = 0;

/** Resolves `postgres:15` on the host and initialises a base in `layout`. */
export async function processCluster(layout: StoreLayout): Promise<ProcessCluster> {
  const runtime = createProcessRuntime({ layout });
  const image = await runtime.resolveImage('postgres:15', { pull: 'never' });
  const baseDir = layout.tmpBaseDir('base');
  await runtime.initBase(image, baseDir, { encoding: 'UTF8', locale: 'C.UTF-8' }, () => undefined);
  const mode = process.getuid?.() === 0 ? 0o711 : 0o700;
  const binDir = (await run('pg_config', ['--bindir'])).stdout.trim();
  return {
    runtime,
    image,
    baseDir,
    binDir,
    async newSpec() {
      counter += 1;
      const id = counter.toString(16).padStart(32, '0');
      await mkdir(layout.instanceDataDir(id), { recursive: true, mode });
      await chmod(layout.instanceDir(id), mode);
      await chmod(layout.instanceDataDir(id), mode);
      await run('cp', ['-a', join(baseDir, 'pgdata'), join(layout.instanceDataDir(id), 'pgdata')]);
      return {
        purpose: 'instance',
        ownerId: id,
        storeId: 'e'.repeat(32),
        image,
        dataDir: layout.instanceDataDir(id),
        socketDir: layout.instanceRunDir(id),
        settings: {},
        readyDeadlineMs: 30_000,
      };
    },
  };
}

/**
 * A temp store with a process cluster for the tests of the calling file or describe block: made in
 * `beforeAll`, removed in `afterAll`. Read `store` and `cluster` inside tests only.
 */
export function useProcessCluster(): { readonly store: TempStore; readonly cluster: ProcessCluster } {
  let store: TempStore | undefined;
  let cluster: ProcessCluster | undefined;
  beforeAll(async () => {
    store = await tempStore();
    cluster = await processCluster(store.layout);
  }, 60_000);
  afterAll(() => store?.cleanup());
  return {
    get store() {
      if (store === undefined) throw new Error('useProcessCluster: the store is made in beforeAll');
      return store;
    },
    get cluster() {
      if (cluster === undefined) throw new Error('useProcessCluster: the cluster is made in beforeAll');
      return cluster;
    },
  };
}
