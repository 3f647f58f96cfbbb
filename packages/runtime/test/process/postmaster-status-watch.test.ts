import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostmasterStatusWatch } from '../../src/process/postmaster-status-watch.js';
import { useProcessCluster } from '../helpers/process-cluster.js';

/** A postmaster.pid as PostgreSQL ≥ 10 writes it: pid, data dir, start, port, socket dir, listen, shmem key, status. */
function pidFile(pid: number, status: string): string {
  return `${pid}\n/data\n1700000000\n5432\n/run\n127.0.0.1\n  5432001         0\n${status.padEnd(8)}\n`;
}

describe('PostmasterStatusWatch', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sqlrs-pmstatus-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is ready only when postmaster.pid names the pid and says ready', async () => {
    const watch = new PostmasterStatusWatch(dir, 4242);
    try {
      expect(await watch.ready()).toBe(false);
      await writeFile(join(dir, 'postmaster.pid'), pidFile(4242, 'starting'));
      expect(await watch.ready()).toBe(false);
      await writeFile(join(dir, 'postmaster.pid'), pidFile(4343, 'ready'));
      expect(await watch.ready()).toBe(false);
      await writeFile(join(dir, 'postmaster.pid'), pidFile(4242, 'ready'));
      expect(await watch.ready()).toBe(true);
    } finally {
      watch.close();
      await rm(join(dir, 'postmaster.pid'), { force: true });
    }
  });

  it('wakes on a change of postmaster.pid, else after the timeout, and at close', async () => {
    const watch = new PostmasterStatusWatch(dir, 4242);
    try {
      let started = Date.now();
      const changed = watch.changed(10_000);
      await writeFile(join(dir, 'postmaster.pid'), pidFile(4242, 'ready'));
      await changed;
      expect(Date.now() - started).toBeLessThan(5_000);
      started = Date.now();
      await watch.changed(30);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      const pending = watch.changed(10_000);
      watch.close();
      await pending;
    } finally {
      watch.close();
      await rm(join(dir, 'postmaster.pid'), { force: true });
    }
  });
});

describe('PostmasterStatusWatch on a real server', () => {
  const env = useProcessCluster();

  it('reads the status line the host postgres writes: ready once started, not after a stop', async () => {
    const spec = await env.cluster.newSpec();
    const sandbox = await env.cluster.runtime.start(spec);
    const pid = Number(sandbox.ref.id.slice('process:'.length));
    const watch = new PostmasterStatusWatch(join(spec.dataDir, 'pgdata'), pid);
    try {
      expect(await watch.ready()).toBe(true);
      await env.cluster.runtime.stop(sandbox, { mode: 'fast', timeoutMs: 30_000 });
      expect(await watch.ready()).toBe(false);
    } finally {
      watch.close();
      await env.cluster.runtime.remove(sandbox.ref);
    }
  });
});
