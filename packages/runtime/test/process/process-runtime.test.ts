import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { createProcessRuntime } from '../../src/index.js';
import type { Sandbox } from '../../src/runtime.js';
import { lookupSystemUser } from '../../src/process/system-user.js';
import { useProcessCluster } from '../helpers/process-cluster.js';

const asRoot = process.getuid?.() === 0;
const env = useProcessCluster();

function psql(sandbox: Sandbox, ...args: string[]): string[] {
  const { socketDir, port } = sandbox.endpoint;
  return ['psql', '-X', '-h', socketDir, '-p', String(port), '-U', 'sqlrs', '-d', 'postgres', ...args];
}

describe('process runtime: images', () => {
  it('probes the newest host installation', async () => {
    expect(await env.cluster.runtime.probe()).toEqual({ ok: true, version: `PostgreSQL ${env.cluster.image.pgVersion} (${env.cluster.binDir})` });
  });

  it('resolves to a process image key whose hex is pinned in the display ref', async () => {
    const hex = env.cluster.image.imageKey.slice('process:sha256:'.length);
    const user = asRoot ? await lookupSystemUser('postgres') : { uid: process.getuid?.(), gid: process.getgid?.() };
    expect(env.cluster.image).toMatchObject({
      displayRef: `postgres:${env.cluster.image.pgVersion}@sha256:${hex}`,
      pgMajor: Number.parseInt(env.cluster.image.pgVersion, 10),
      runUid: user.uid,
      runGid: user.gid,
    });
    expect(env.cluster.image.locales).toContain('C');
  });

  it('refuses a pinned ref whose digest is not the current fingerprint', async () => {
    const ref = `postgres:15@sha256:${'0'.repeat(64)}`;
    const error = await env.cluster.runtime.resolveImage(ref, { pull: 'never' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: `host PostgreSQL binaries changed: ${ref} no longer matches the binaries in ${env.cluster.binDir}; use an image reference without the digest`,
    });
  });

  it('names every place searched when the major is not installed', async () => {
    const runtime = createProcessRuntime({ layout: env.store.layout, path: '' });
    await expect(runtime.resolveImage('postgres:99', { pull: 'missing' })).rejects.toEqual(
      new SqlrsError(
        'unavailable',
        'PostgreSQL 99 server binaries (postgres, initdb, psql) were not found in pg_config --bindir (pg_config not found), ' +
          'PATH, /usr/lib/postgresql/99/bin, /usr/pgsql-99/bin, /opt/homebrew/opt/postgresql@99/bin; ' +
          'install them (e.g. apt-get install postgresql-99) or set runtime.process.binDir',
      ),
    );
  });

  it('warms up without failing, whether the binaries are found or not', async () => {
    const missing = createProcessRuntime({ layout: env.store.layout, path: '' });
    expect(missing.warmUp).toBeTypeOf('function');
    await expect(missing.warmUp?.()).resolves.toBeUndefined();
    const warm = createProcessRuntime({ layout: env.store.layout });
    await warm.warmUp?.();
    const image = await warm.resolveImage(`postgres:${env.cluster.image.pgMajor}`, { pull: 'never' });
    expect(image.imageKey).toBe(env.cluster.image.imageKey);
  });

  it.skipIf(!asRoot)('as root, reports a missing server user with the fix', async () => {
    const runtime = createProcessRuntime({ layout: env.store.layout, user: 'sqlrs-no-such-user' });
    expect(await runtime.probe()).toEqual({
      ok: false,
      reason: 'system user "sqlrs-no-such-user" does not exist',
      fix: 'PostgreSQL refuses to run as root, so create it (useradd --system --user-group sqlrs-no-such-user) or set runtime.process.user',
    });
  });

  it('fails initBase with initdb output when initdb fails', async () => {
    const dir = env.store.layout.tmpBaseDir('badlocale');
    const error = await env.cluster.runtime
      .initBase(env.cluster.image, dir, { encoding: 'UTF8', locale: 'xx_XX.UTF-8' }, () => undefined)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'internal_error', message: 'initdb failed (exit code 1); see details for its output' });
    expect((error as SqlrsError).details).toMatch(/invalid locale name|locale .* not found|xx_XX/);
  });
});

describe('process runtime: sandboxes', () => {
  it('records runtime.json (0600) and logs to postgres.log beside the data dir', async () => {
    const spec = await env.cluster.newSpec();
    const sandbox = await env.cluster.runtime.start(spec);
    const dir = dirname(spec.dataDir);
    const record = JSON.parse(await readFile(join(dir, 'runtime.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toEqual({
      kind: 'process',
      pid: Number(sandbox.ref.id.slice('process:'.length)),
      port: sandbox.endpoint.port,
      started_at: record.started_at,
      store_id: spec.storeId,
      purpose: 'instance',
      owner_id: spec.ownerId,
      binary: join(env.cluster.binDir, 'postgres'),
      data_dir: spec.dataDir,
      socket_dir: spec.socketDir,
    });
    expect((await stat(join(dir, 'runtime.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'postgres.log'), 'utf8')).toMatch(/database system is ready to accept connections/);
    const socket = await stat(spec.socketDir);
    expect({ mode: socket.mode & 0o777, uid: socket.uid }).toEqual({ mode: 0o700, uid: env.cluster.image.runUid });
    await env.cluster.runtime.remove(sandbox.ref);
  });

  it('runs tools by name from the sandbox bin dir', async () => {
    const sandbox = await env.cluster.runtime.start(await env.cluster.newSpec());
    const lines: string[] = [];
    const result = await env.cluster.runtime.exec(sandbox, { argv: ['pg_controldata', '--version'], env: {} }, (_s, l) => lines.push(l));
    expect({ result, lines }).toEqual({ result: { exitCode: 0 }, lines: [expect.stringMatching(`^pg_controldata \\(PostgreSQL\\) ${env.cluster.image.pgVersion}`)] });
    await env.cluster.runtime.remove(sandbox.ref);
  });

  it('cancels a running exec on abort', async () => {
    const sandbox = await env.cluster.runtime.start(await env.cluster.newSpec());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const error = await env.cluster.runtime
      .exec(sandbox, { argv: psql(sandbox, '-c', 'SELECT pg_sleep(60)'), env: {} }, () => undefined, controller.signal)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'cancelled', message: `${join(env.cluster.binDir, 'psql')} was cancelled` });
    expect(Date.now() - started).toBeLessThan(10_000);
    await env.cluster.runtime.remove(sandbox.ref);
  });

  it('refuses a socket dir whose socket path would not fit sun_path', async () => {
    const spec = await env.cluster.newSpec();
    const socketDir = join('/tmp', 'x'.repeat(100));
    await expect(env.cluster.runtime.start({ ...spec, socketDir })).rejects.toEqual(
      new SqlrsError('internal_error', `socket directory ${socketDir} is too long for a unix socket path (107 bytes)`, {
        details: 'pick the socket dir with instanceSocketDir from @sqlrs/statefs, which falls back to /tmp',
      }),
    );
  });

  it('refuses to stop a sandbox it cannot find', async () => {
    const ref = { kind: 'process' as const, id: 'process:999999999', purpose: 'instance' as const, ownerId: 'x', storeId: 'y', running: true };
    const sandbox: Sandbox = { ref, endpoint: { host: '127.0.0.1', port: 1, innerPort: 1, socketDir: '/nowhere' } };
    await expect(env.cluster.runtime.stop(sandbox, { mode: 'fast', timeoutMs: 1_000 })).rejects.toEqual(
      new SqlrsError('not_found', 'sandbox process:999999999 is not known to the process runtime; it may have been removed'),
    );
    await expect(env.cluster.runtime.remove(ref)).resolves.toBeUndefined();
  });
});
