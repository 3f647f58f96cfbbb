import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '@sqlrs/contract';
import { type Runtime, createProcessRuntime } from '@sqlrs/runtime';
import { createCopySnapshotter } from '@sqlrs/snapshot';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import { openSqliteStore } from '@sqlrs/store-sqlite';
import { createLogger } from '@sqlrs/telemetry';
import { PG_HBA_CONF } from '@sqlrs/runtime';
import { createPrepareService } from '../src/index.js';
import { FakeInstances } from './helpers/fake-instances.js';
import { settled } from './helpers/service-harness.js';

const hostPg = await createProcessRuntime({ layout: new StoreLayout('/nonexistent') })
  .probe()
  .then((p) => p.ok)
  .catch(() => false);

let root: string;
let layout: StoreLayout;
let store: Store;
let runtime: Runtime;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-prep-'));
  await chmod(root, 0o711);
  layout = new StoreLayout(join(root, 's'));
  await ensureStoreDirs(layout, { asRoot: process.getuid?.() === 0 });
  store = openSqliteStore({ path: layout.stateDb });
  runtime = createProcessRuntime({ layout });
});

afterAll(async () => {
  store?.close();
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!hostPg)('end to end: process runtime, copy snapshots, SQLite store', () => {
  it('runs a two-step psql job into ready states whose data holds both steps', async () => {
    const work = join(root, 'work');
    await mkdir(work);
    const script = join(work, 'schema.sql');
    await writeFile(script, 'create table t (id int);\ninsert into t values (1);\n');
    const snapshotter = createCopySnapshotter({ trashDir: layout.trashDir });
    const service = createPrepareService({
      store,
      layout,
      runtime,
      snapshotter,
      instances: new FakeInstances(store),
      config: () => CONFIG_DEFAULTS,
      logger: createLogger({ level: 'error', stderr: false }),
    });
    const { job_id: id } = await service.submit({ prepare_kind: 'psql', image_id: 'postgres:15', psql_args: ['-f', script, '-c', 'insert into t values (2)'] });
    const job = await settled(service, id);
    expect(job?.error).toBeNull();
    expect(job?.status).toBe('succeeded');
    const logs = service.events.read(id, 0)?.events.filter((e) => e.type === 'log').map((e) => e.message);
    expect(logs).toEqual(['psql: CREATE TABLE', 'psql: INSERT 0 1', 'psql: INSERT 0 1']);
    const finalId = job?.result?.state_id as string;
    const state = store.getState(finalId);
    expect(state?.status).toBe('ready');
    const version = StoreLayout.postgresVersion(15, state?.baseId as string);
    expect(await readFile(join(layout.baseDir(version), 'pgdata', 'pg_hba.conf'), 'utf8')).toBe(PG_HBA_CONF);

    const instanceId = 'd'.repeat(32);
    await mkdir(layout.instanceDir(instanceId), { recursive: true, mode: 0o711 });
    await snapshotter.cloneForInstance(layout.stateDir(version, finalId), layout.instanceDataDir(instanceId));
    const image = await runtime.resolveImage('postgres:15', { pull: 'never' });
    const sandbox = await runtime.start({
      purpose: 'instance',
      ownerId: instanceId,
      storeId: store.storeId(),
      image,
      dataDir: layout.instanceDataDir(instanceId),
      socketDir: layout.instanceRunDir(instanceId),
      settings: {},
      readyDeadlineMs: 30_000,
    });
    const lines: string[] = [];
    try {
      const { socketDir, port } = sandbox.endpoint;
      const argv = ['psql', '-X', '-At', '-h', socketDir, '-p', String(port), '-U', 'sqlrs', '-d', 'postgres', '-c', 'select string_agg(id::text, \',\' order by id) from t'];
      const { exitCode } = await runtime.exec(sandbox, { argv, env: {} }, (_s, line) => lines.push(line));
      expect(exitCode).toBe(0);
    } finally {
      await runtime.remove(sandbox.ref);
    }
    expect(lines).toEqual(['1,2']);

    const again = await settled(service, (await service.submit({ prepare_kind: 'psql', image_id: 'postgres:15', psql_args: ['-f', script, '-c', 'insert into t values (2)'] })).job_id);
    expect(again?.tasks?.flatMap((t) => (t.type === 'state_execute' ? [t.cached] : []))).toEqual([true, true]);
  }, 120_000);

  it('cancels a running psql step: no state is captured and no server is left running', async () => {
    const service = createPrepareService({
      store,
      layout,
      runtime,
      snapshotter: createCopySnapshotter({ trashDir: layout.trashDir }),
      instances: new FakeInstances(store),
      config: () => CONFIG_DEFAULTS,
      logger: createLogger({ level: 'error', stderr: false }),
    });
    const { job_id: id } = await service.submit({ prepare_kind: 'psql', image_id: 'postgres:15', psql_args: ['-c', 'select pg_sleep(60)'] });
    while (!store.listTasks({ jobId: id }).some((t) => t.taskId === 'execute-0' && t.status === 'running')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(service.cancel(id).httpStatus).toBe(202);
    const job = await settled(service, id);
    expect(job?.error).toEqual({ code: 'cancelled', message: 'job cancelled' });
    const stateId = job?.tasks?.flatMap((t) => (t.type === 'state_execute' ? [t.output_state_id] : []))[0] as string;
    expect(store.getState(stateId)?.status).toBe('failed');
    expect(await runtime.list(store.storeId())).toEqual([]);
  }, 120_000);
});
