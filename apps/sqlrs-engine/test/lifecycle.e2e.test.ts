// Issue 6 acceptance, end to end through the built engine with real Docker and real PostgreSQL
// sessions: deletes blocked by live connections, recursive state deletes, names, reset, TTL
// expiry, and the engine's lists matching reality after containers vanish or the engine dies.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tempStore } from './engine-process.js';
import { openSession, prepare, psqlAt, removeStoreContainers, stepStates, stopEngine, unique } from './prepare-e2e-harness.js';
import type { EngineSession, FinishedJob } from './prepare-e2e-harness.js';

const SLOW = 180_000;

function dockerMissing(): string | undefined {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const missing = dockerMissing();
if (missing !== undefined && process.env.CI === 'true') throw new Error(`docker is unavailable: ${missing}; run scripts/provision.sh`);

interface Instance {
  instance_id: string;
  name: string | null;
  state_id: string;
  status: string;
  runtime_id: string | null;
  dsn: string | null;
  port: number | null;
  connections: number | null;
  expires_at: string | null;
  reset_count: number;
}

let store: string;
let session: EngineSession;
let storeId: string | undefined;
const foreignContainers: string[] = [];

beforeAll(async () => {
  if (missing !== undefined) return;
  assertBuilt();
  store = tempStore();
  session = await openSession(store);
  storeId = session.storeId;
});

afterAll(async () => {
  await stopEngine(session);
  removeStoreContainers(storeId);
  if (foreignContainers.length > 0) execFileSync('docker', ['rm', '-f', ...foreignContainers], { stdio: 'ignore' });
  if (store !== undefined) fs.rmSync(store, { recursive: true, force: true });
});

async function body<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function getInstance(id: string): Promise<Instance> {
  return body<Instance>(await session.call('GET', `/v1/instances/${id}`));
}

async function listInstances(): Promise<Instance[]> {
  return body<Instance[]>(await session.call('GET', '/v1/instances'));
}

/** A prepare with unique SQL steps; returns the finished job. */
async function prepared(steps: string[], extra: Record<string, unknown> = {}): Promise<FinishedJob> {
  const job = await prepare(session.client, { psql_args: steps.flatMap((sql) => ['-c', sql]), ...extra });
  expect(job.status.status, JSON.stringify(job.status.error)).toBe('succeeded');
  return job;
}

/** An open client session through the DSN, as psql would hold it. */
async function openClient(dsn: string): Promise<{ client: pg.Client; ended: Promise<void> }> {
  const client = new pg.Client({ connectionString: dsn, application_name: 'psql' });
  client.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await client.connect();
  return { client, ended };
}

/** Containers of this store whose `sqlrs.kind` is instance, with their running flag (one docker call, no race). */
function instanceContainers(): { id: string; instance: string; running: boolean }[] {
  const out = execFileSync(
    'docker',
    ['ps', '-a', '--no-trunc', '--filter', `label=sqlrs.store=${session.storeId}`, '--filter', 'label=sqlrs.kind=instance', '--format', '{{.ID}} {{.Label "sqlrs.instance"}} {{.State}}'],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [id, instance, state] = l.split(' ');
      return { id: id as string, instance: instance as string, running: state === 'running' };
    });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The engine's instance list agrees with Docker and with the store's instances/ directory. */
async function expectListsMatchReality(): Promise<void> {
  const listed = (await listInstances()).filter((i) => i.status !== 'expired');
  const containers = instanceContainers();
  for (const instance of listed.filter((i) => i.status === 'active')) {
    expect(containers.find((c) => c.id === instance.runtime_id)?.running, `container of ${instance.instance_id}`).toBe(true);
  }
  expect(containers.map((c) => c.instance).sort()).toEqual(listed.filter((i) => i.status === 'active').map((i) => i.instance_id).sort());
  const dirs = fs.readdirSync(path.join(store, 'instances')).filter((d) => /^[0-9a-f]{32}$/.test(d));
  expect(dirs.sort()).toEqual(listed.map((i) => i.instance_id).sort());
}

describe.skipIf(missing !== undefined)('instance and state lifecycle through the HTTP API (real Docker)', () => {
  it('deleting an instance with an open session is blocked; dry runs change nothing; force terminates the session', { timeout: SLOW }, async () => {
    const u = unique();
    const job = await prepared([`create table t_${u} (x int)`]);
    const id = job.status.result?.instance_id as string;
    const { client, ended } = await openClient(job.status.result?.dsn as string);

    const blocked = await session.call('DELETE', `/v1/instances/${id}`);
    const runtimeId = (await getInstance(id)).runtime_id;
    const tree = { kind: 'instance', id, connections: 1, runtime_id: runtimeId, blocked: 'active_connections', children: [] };
    expect({ status: blocked.status, body: await blocked.json() }).toEqual({ status: 409, body: { dry_run: false, outcome: 'blocked', root: tree } });
    const dry = await session.call('DELETE', `/v1/instances/${id}?dry_run=true`);
    expect({ status: dry.status, body: await dry.json() }).toEqual({ status: 200, body: { dry_run: true, outcome: 'blocked', root: tree } });
    const dryForce = await session.call('DELETE', `/v1/instances/${id}?dry_run=true&force=true`);
    expect(await dryForce.json()).toEqual({ dry_run: true, outcome: 'would_delete', root: { ...tree, blocked: null } });
    expect((await getInstance(id)).connections).toBe(1);
    expect(await client.query('select 1 as ok').then((r) => r.rows)).toEqual([{ ok: 1 }]);

    const forced = await session.call('DELETE', `/v1/instances/${id}?force=true`);
    expect({ status: forced.status, body: await forced.json() }).toEqual({ status: 200, body: { dry_run: false, outcome: 'deleted', root: { ...tree, blocked: null } } });
    await ended;
    await expect(client.query('select 1')).rejects.toThrow();
    expect((await session.call('GET', `/v1/instances/${id}`)).status).toBe(404);
    expect((await session.call('DELETE', `/v1/instances/${id}`)).status).toBe(404);
    expect(instanceContainers().map((c) => c.instance)).not.toContain(id);
  });

  it('a recursive state delete removes the subtree bottom-up, or nothing while a node is blocked', { timeout: SLOW }, async () => {
    const u = unique();
    const steps = [`create table r_${u} (x int)`, `insert into r_${u} values (1)`];
    const deep = await prepared(steps);
    const shallow = await prepared(steps.slice(0, 1));
    const [s1, s2] = stepStates(deep) as [string, string];
    const onS2 = deep.status.result?.instance_id as string;
    const onS1 = shallow.status.result?.instance_id as string;
    const { client, ended } = await openClient(deep.status.result?.dsn as string);

    const plain = await session.call('DELETE', `/v1/states/${s1}`);
    expect({ status: plain.status, body: await plain.json() }).toEqual({
      status: 409,
      body: { dry_run: false, outcome: 'blocked', root: { kind: 'state', id: s1, connections: null, runtime_id: null, blocked: 'has_descendants', children: [] } },
    });
    const blocked = await session.call('DELETE', `/v1/states/${s1}?recurse=true`);
    expect(blocked.status).toBe(409);
    const root = (await blocked.json()) as { root: { blocked: string; children: { id: string; blocked: string | null; children: { id: string; blocked: string | null; connections: number | null }[] }[] } };
    expect(root.root.blocked).toBe('blocked_by_descendant');
    expect(root.root.children.map((c) => [c.id, c.blocked])).toEqual([
      [onS1, null],
      [s2, 'blocked_by_descendant'],
    ]);
    expect(root.root.children[1]?.children.map((c) => [c.id, c.blocked, c.connections])).toEqual([[onS2, 'active_connections', 1]]);
    expect((await session.call('GET', `/v1/states/${s1}`)).status).toBe(200);
    expect((await session.call('GET', `/v1/instances/${onS1}`)).status).toBe(200);

    await client.end();
    await ended;
    await until('the session to end', async () => ((await getInstance(onS2)).connections === 0 ? true : undefined), 10_000);
    const deleted = await session.call('DELETE', `/v1/states/${s1}?recurse=true`);
    expect(deleted.status).toBe(200);
    expect(((await deleted.json()) as { outcome: string }).outcome).toBe('deleted');
    for (const p of [`/v1/states/${s1}`, `/v1/states/${s2}`, `/v1/instances/${onS1}`, `/v1/instances/${onS2}`]) {
      expect((await session.call('GET', p)).status, p).toBe(404);
    }
    await expectListsMatchReality();
  });

  it('names resolve, redirect, are rejected when they look like ids, and move only with rebind', { timeout: SLOW }, async () => {
    const u = unique();
    const first = await prepared([`create table n_${u} (x int)`], { name: `dev-${u}` });
    const id = first.status.result?.instance_id as string;
    const redirect = await fetch(`http://${session.info.endpoint}/v1/instances/dev-${u}/reset?force=true`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Authorization: `Bearer ${session.info.authToken}` },
    });
    expect({ status: redirect.status, location: redirect.headers.get('location') }).toEqual({ status: 307, location: `/v1/instances/${id}/reset?force=true` });
    expect((await getInstance(`dev-${u}`)).instance_id).toBe(id);
    expect(await body<{ instance_id: string }>(await session.call('GET', `/v1/names/dev-${u}`))).toMatchObject({ instance_id: id, status: 'active' });

    const idLike = await session.call('POST', '/v1/prepare-jobs', { body: { prepare_kind: 'psql', image_id: 'sqlrs-test/postgres:15', name: 'deadbeef' } });
    expect(idLike.status).toBe(400);
    expect(((await idLike.json()) as { code: string }).code).toBe('invalid_argument');
    const taken = await session.call('POST', '/v1/prepare-jobs', { body: { prepare_kind: 'psql', image_id: 'sqlrs-test/postgres:15', name: `dev-${u}` } });
    expect(taken.status).toBe(409);
    const moved = await prepared([`create table n_${u} (x int)`], { name: `dev-${u}`, rebind: true });
    const newId = moved.status.result?.instance_id as string;
    expect((await getInstance(`dev-${u}`)).instance_id).toBe(newId);
    expect((await getInstance(id)).name).toBeNull();
  });

  it('reset discards writes made through the DSN and keeps id, name and DSN', { timeout: SLOW }, async () => {
    const u = unique();
    const job = await prepared([`create table z_${u} (x int)`, `insert into z_${u} values (1)`], { name: `reset-${u}` });
    const dsn = job.status.result?.dsn as string;
    const id = job.status.result?.instance_id as string;
    await psqlAt(dsn, `insert into z_${u} values (2), (3)`);
    expect(await psqlAt(dsn, `select count(*) from z_${u}`)).toBe('3');
    const { client, ended } = await openClient(dsn);
    const refused = await session.call('POST', `/v1/instances/${id}/reset`);
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'instance has open connections; close them or reset with force=true', details: 'connections=1' },
    });
    const reset = await session.call('POST', `/v1/instances/reset-${u}/reset?force=true`, { body: { ttl_seconds: 3600 } });
    expect(reset.status).toBe(200);
    const entry = (await reset.json()) as Instance;
    expect(entry).toMatchObject({ instance_id: id, name: `reset-${u}`, dsn, status: 'active', reset_count: 1 });
    expect(entry.expires_at).not.toBeNull();
    await ended;
    expect(await psqlAt(dsn, `select count(*) from z_${u}`)).toBe('1');
  });

  it('TTL expiry removes an idle instance and skips a busy one until it is idle', { timeout: SLOW }, async () => {
    const u = unique();
    const idle = await prepared([`create table e_${u} (x int)`], { ttl_seconds: 1, name: `ttl-${u}` });
    const busy = await prepared([`create table e_${u} (x int)`], { ttl_seconds: 1 });
    const idleId = idle.status.result?.instance_id as string;
    const busyId = busy.status.result?.instance_id as string;
    const { client, ended } = await openClient(busy.status.result?.dsn as string);
    const expired = await until('the idle instance to expire', async () => {
      const i = await getInstance(idleId);
      return i.status === 'expired' ? i : undefined;
    }, 40_000);
    expect(expired).toMatchObject({ status: 'expired', dsn: null, port: null, runtime_id: null, name: null });
    expect((await session.call('GET', `/v1/names/ttl-${u}`)).status).toBe(404);
    // Rows go before data: the container disappears right after the tombstone is written.
    const gone = (id: string): boolean => !instanceContainers().some((c) => c.instance === id) && !fs.existsSync(path.join(store, 'instances', id));
    await until('the expired container and data to go', async () => (gone(idleId) ? true : undefined), 10_000);
    // At least one more sweep ran since; the busy one is still served.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await getInstance(busyId)).toMatchObject({ status: 'active', connections: 1 });
    const metrics = await (await session.call('GET', '/metrics')).text();
    expect(metrics).toMatch(/sqlrs_instances_expiry_deferred_total [1-9]/);
    expect(metrics).toMatch(/sqlrs_instances\{status="expired"\} [1-9]/);
    expect(await client.query('select 1 as ok').then((r) => r.rows)).toEqual([{ ok: 1 }]);
    await client.end();
    await ended;
    await until('the busy instance to expire once idle', async () => ((await getInstance(busyId)).status === 'expired' ? true : undefined), 40_000);
    await until('its container and data to go', async () => (gone(busyId) ? true : undefined), 10_000);
    // DELETE removes a tombstone at once (api.md §5.5).
    const tombstone = await session.call('DELETE', `/v1/instances/${busyId}`);
    expect({ status: tombstone.status, body: await tombstone.json() }).toEqual({
      status: 200,
      body: { dry_run: false, outcome: 'deleted', root: { kind: 'instance', id: busyId, connections: 0, runtime_id: null, blocked: null, children: [] } },
    });
    expect((await session.call('GET', `/v1/instances/${busyId}`)).status).toBe(404);
  });

  it('after docker rm -f behind its back and after a kill mid-delete, a restarted engine lists what exists', { timeout: SLOW }, async () => {
    const u = unique();
    const kept = await prepared([`create table k_${u} (x int)`], { name: `kept-${u}` });
    const keptId = kept.status.result?.instance_id as string;
    await psqlAt(kept.status.result?.dsn as string, `insert into k_${u} values (42)`);
    const doomed = await prepared([`create table k_${u} (x int)`]);
    const doomedId = doomed.status.result?.instance_id as string;

    // A container of another store, labelled like one of ours: reconciliation must leave it alone.
    const foreignStore = 'e'.repeat(32);
    const foreign = execFileSync(
      'docker',
      ['create', '--label', `sqlrs.store=${foreignStore}`, '--label', 'sqlrs.kind=instance', '--label', `sqlrs.instance=${'e'.repeat(32)}`, 'sqlrs-test/postgres:15', 'true'],
      { encoding: 'utf8' },
    ).trim();
    foreignContainers.push(foreign);

    execFileSync('docker', ['rm', '-f', (await getInstance(keptId)).runtime_id as string], { stdio: 'ignore' });
    const deleting = session.call('DELETE', `/v1/instances/${doomedId}?force=true`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    await stopEngine(session, 'SIGKILL');
    await deleting;

    session = await openSession(store);
    // The name survived the restart; the removed container came back on its data (same port when free).
    const back = await until('the lost instance to run again', async () => {
      const i = await getInstance(`kept-${u}`);
      return i.status === 'active' ? i : undefined;
    });
    expect(back.instance_id).toBe(keptId);
    expect(await psqlAt(back.dsn as string, `select x from k_${u}`)).toBe('42');
    const doomedNow = await session.call('GET', `/v1/instances/${doomedId}`);
    if (doomedNow.status === 200) {
      // The kill came before the delete's transaction: the instance is intact and deletable.
      expect((await session.call('DELETE', `/v1/instances/${doomedId}?force=true`)).status).toBe(200);
    } else {
      expect(doomedNow.status).toBe(404);
    }
    await until('leftovers to be reconciled', async () => {
      try {
        await expectListsMatchReality();
        return true;
      } catch {
        return undefined;
      }
    }, 30_000);
    await expectListsMatchReality();
    expect(execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=sqlrs.store=${foreignStore}`], { encoding: 'utf8' }).trim()).toBe(foreign);
  });
});
