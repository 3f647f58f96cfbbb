import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { DB_SHUTDOWNED, assertCleanShutdown, readPgControlState } from '../src/pg-control.js';
import { type ProcessCluster, useProcessCluster } from './helpers/process-cluster.js';

const run = promisify(execFile);

async function controldataState(cluster: ProcessCluster, pgdata: string): Promise<string> {
  const { stdout } = await run(join(cluster.binDir, 'pg_controldata'), [pgdata], { env: { LC_ALL: 'C' } });
  return /Database cluster state:\s+(.+)/.exec(stdout)?.[1]?.trim() ?? '';
}

describe('pg_control on a real cluster', () => {
  const env = useProcessCluster();

  it('agrees with pg_controldata through initdb, running, immediate and fast stops', async () => {
    const spec = await env.cluster.newSpec();
    const pgdata = join(spec.dataDir, 'pgdata');
    expect([await readPgControlState(pgdata), await controldataState(env.cluster, pgdata)]).toEqual([DB_SHUTDOWNED, 'shut down']);
    await assertCleanShutdown(pgdata);

    const running = await env.cluster.runtime.start(spec);
    expect([await readPgControlState(pgdata), await controldataState(env.cluster, pgdata)]).toEqual([6, 'in production']);
    await expect(assertCleanShutdown(pgdata)).rejects.toEqual(
      new SqlrsError('internal_error', 'cluster did not shut down cleanly', { details: `${join(pgdata, 'postmaster.pid')} still exists` }),
    );

    await env.cluster.runtime.stop(running, { mode: 'immediate', timeoutMs: 30_000 });
    expect([await readPgControlState(pgdata), await controldataState(env.cluster, pgdata)]).toEqual([6, 'in production']);
    await expect(assertCleanShutdown(pgdata)).rejects.toEqual(
      new SqlrsError('internal_error', 'cluster did not shut down cleanly', {
        details: `pg_control state is 6, expected 1 (shut down) in ${pgdata}`,
      }),
    );

    const again = await env.cluster.runtime.start(spec);
    await env.cluster.runtime.stop(again, { mode: 'fast', timeoutMs: 30_000 });
    expect([await readPgControlState(pgdata), await controldataState(env.cluster, pgdata)]).toEqual([DB_SHUTDOWNED, 'shut down']);
  });
});

describe('readPgControlState', () => {
  it('reads the int32 at byte 16 and fails with internal_error when the file is missing or short', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlrs-pgc-'));
    try {
      await mkdir(join(dir, 'global'));
      const control = Buffer.alloc(64);
      control.writeInt32LE(4, 16);
      await writeFile(join(dir, 'global', 'pg_control'), control);
      expect(await readPgControlState(dir)).toBe(4);
      await writeFile(join(dir, 'global', 'pg_control'), Buffer.alloc(10));
      await expect(readPgControlState(dir)).rejects.toEqual(
        new SqlrsError('internal_error', `cannot read the cluster state from ${join(dir, 'global', 'pg_control')}`, {
          details: `${join(dir, 'global', 'pg_control')} is shorter than 20 bytes`,
        }),
      );
      const missing = join(dir, 'nope');
      const error = await readPgControlState(missing).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'internal_error', message: `cannot read the cluster state from ${join(missing, 'global', 'pg_control')}` });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
