import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsOf, createConnTracker } from '../src/index.js';
import type { InstanceEndpoint } from '../src/index.js';
import { hostBinDir, startHostPostgres } from './helpers/host-postgres.js';
import type { HostPostgres } from './helpers/host-postgres.js';

const binDir = hostBinDir();
if (binDir === undefined && process.env.CI === 'true') {
  throw new Error('host PostgreSQL binaries are missing (/usr/lib/postgresql/<major>/bin); run scripts/provision.sh');
}

async function session(server: HostPostgres, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ host: server.socketDir, port: server.port, user: 'sqlrs', database: 'postgres', application_name: applicationName });
  await client.connect();
  return client;
}

describe.skipIf(binDir === undefined)('conntrack against a real PostgreSQL (host binaries)', () => {
  let server: HostPostgres;
  const endpoints = new Map<string, InstanceEndpoint>();
  const tracker = createConnTracker({ endpointOf: (id) => endpoints.get(id) });

  beforeAll(async () => {
    server = await startHostPostgres(binDir as string);
    endpoints.set('live', { socketDir: server.socketDir, port: server.port });
  });
  afterAll(() => server?.cleanup());

  it('counts client sessions and leaves out its own probe, engine sessions and background processes', async () => {
    expect(await tracker.count('live')).toEqual({ state: 'known', clients: 0 });
    const a = await session(server, 'psql');
    const b = await session(server, '');
    const engine = await session(server, 'sqlrs-engine');
    try {
      expect(await tracker.count('live')).toEqual({ state: 'known', clients: 2 });
    } finally {
      await Promise.all([a.end(), b.end(), engine.end()]);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(await tracker.count('live')).toEqual({ state: 'known', clients: 0 });
  });

  it('reports an instance that is not running as not_running (0 in the API)', async () => {
    const count = await tracker.count('stopped');
    expect(count).toEqual({ state: 'not_running' });
    expect(connectionsOf(count)).toBe(0);
  });

  it('reports a server that no longer answers as unknown (null), never 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlrs-conntrack-gone-'));
    endpoints.set('gone', { socketDir: dir, port: 5999 });
    const count = await tracker.count('gone');
    expect(count).toEqual({ state: 'unknown', reason: 'error' });
    expect(connectionsOf(count)).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives up after the budget when the socket accepts but never answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlrs-conntrack-mute-'));
    const mute: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => mute.listen(join(dir, '.s.PGSQL.6000'), resolve));
    endpoints.set('mute', { socketDir: dir, port: 6000 });
    const started = Date.now();
    const count = await tracker.count('mute', { timeoutMs: 300 });
    const elapsed = Date.now() - started;
    mute.close();
    rmSync(dir, { recursive: true, force: true });
    expect(count.state).toBe('unknown');
    expect(elapsed).toBeLessThan(1000);
  });
});
