// Deletion against the real parts: the instance service on the process runtime (host PostgreSQL),
// the copy snapshotter on a temp store, real sessions over TCP.
import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceService } from '@sqlrs/instances';
import type { InstanceService } from '@sqlrs/instances';
import { createProcessRuntime } from '@sqlrs/runtime';
import type { ResolvedImage, Runtime } from '@sqlrs/runtime';
import { createCopySnapshotter } from '@sqlrs/snapshot';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import { createMemoryStore, fixtureBase, fixtureJob, fixtureState, id32, id64 } from '@sqlrs/store/testing';
import { createDeletionService } from '../src/index.js';
import type { DeletionService } from '../src/index.js';

const asRoot = process.getuid?.() === 0;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const STATES = 'engines/postgres/pg15-bbbbbbbbbbbbbbbb/states';
const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

let root: string;
let store: Store;
let runtime: Runtime;
let image: ResolvedImage;
let instances: InstanceService;
let deletion: DeletionService;

/** A ready state row (child of `parent` in the lineage) whose directory is a fresh initdb. */
async function readyState(stateId: string, parent: string | null): Promise<void> {
  await runtime.initBase(image, join(root, STATES, stateId), { encoding: 'UTF8', locale: 'C.UTF-8' }, () => undefined);
  store.insertState(fixtureState(stateId, { parentStateId: parent, inputId: parent ?? image.imageKey, relPath: `${STATES}/${stateId}` }));
  store.markStateReady(stateId, { readyAt: 2, sizeApparentBytes: 1, sizeAllocatedBytes: 1, minRetentionUntil: null });
}

async function newInstance(stateId: string, job: string): Promise<{ id: string; port: number; password: string }> {
  store.insertJob(fixtureJob(job));
  const record = await instances.create({ jobId: job, stateId, image, name: null, rebind: false, expiresAt: null });
  return { id: record.instanceId, port: record.port ?? 0, password: record.password };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-deletion-'));
  const layout = new StoreLayout(root);
  await ensureStoreDirs(layout, { asRoot });
  let dir = root;
  for (const part of STATES.split('/')) {
    dir = join(dir, part);
    await mkdir(dir, { recursive: true });
    await chmod(dir, asRoot ? 0o711 : 0o700);
  }
  store = createMemoryStore({ storeId: randomBytes(16).toString('hex') });
  runtime = createProcessRuntime({ layout });
  image = await runtime.resolveImage('postgres:15', { pull: 'never' });
  store.upsertImage({ imageKey: image.imageKey, runtimeKind: 'process', displayRef: image.displayRef, repoDigest: null, platform: image.platform, pgMajor: image.pgMajor, pgVersion: image.pgVersion, runUid: image.runUid, runGid: image.runGid, locales: image.locales.join('\n'), firstSeenAt: 1, lastUsedAt: 1 });
  store.upsertBase(fixtureBase({ imageKey: image.imageKey }));
  const snapshotter = createCopySnapshotter();
  instances = createInstanceService({ store, layout, runtime, snapshotter, logger: quiet });
  deletion = createDeletionService({ store, layout, snapshotter, instances, logger: quiet });
}, 120_000);

afterAll(async () => {
  for (const ref of await runtime.list(store.storeId())) await runtime.remove(ref).catch(() => undefined);
  store.close();
  await rm(root, { recursive: true, force: true });
});

describe('deletion with real instances (process runtime, copy snapshotter)', () => {
  it('blocks on a real session, then force deletes: the session ends and the data is gone', async () => {
    await readyState(id64('71'), null);
    const inst = await newInstance(id64('71'), id32('c1'));
    const session = new pg.Client({ host: '127.0.0.1', port: inst.port, user: 'sqlrs', database: 'postgres', password: inst.password });
    session.on('error', () => undefined);
    await session.connect();
    const ended = new Promise<void>((resolve) => session.once('end', () => resolve()));
    const blocked = await deletion.deleteInstance(inst.id, { force: false, dryRun: false });
    expect(blocked.httpStatus).toBe(409);
    expect(blocked.result.root).toMatchObject({ kind: 'instance', id: inst.id, connections: 1, blocked: 'active_connections' });
    const deleted = await deletion.deleteInstance(inst.id, { force: true, dryRun: false });
    expect(deleted.result.outcome).toBe('deleted');
    await ended;
    expect(store.getInstance(inst.id)).toBeUndefined();
    expect(await exists(join(root, 'instances', inst.id))).toBe(false);
    expect(await runtime.list(store.storeId())).toEqual([]);
  });

  it('a recursive state delete removes instances, child states and directories bottom-up', async () => {
    const [A, B] = [id64('81'), id64('82')];
    await readyState(A, null);
    await readyState(B, A);
    const onA = await newInstance(A, id32('c2'));
    const onB = await newInstance(B, id32('c3'));
    const answer = await deletion.deleteState(A, { recurse: true, force: false, dryRun: false });
    expect(answer.result).toMatchObject({ outcome: 'deleted', root: { id: A, children: [{ id: onA.id }, { id: B, children: [{ id: onB.id }] }] } });
    expect(store.listStates({ statuses: ['ready'] }).map((s) => s.stateId)).not.toContain(A);
    for (const path of [join(root, STATES, A), join(root, STATES, B), join(root, 'instances', onA.id), join(root, 'instances', onB.id)]) {
      expect(await exists(path)).toBe(false);
    }
  });
});
