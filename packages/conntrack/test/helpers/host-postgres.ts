// A throw-away PostgreSQL server from the host binaries (the process runtime's binaries), run
// as the `postgres` user when the tests run as root, reachable over a unix socket only.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The directory holding `initdb` and `postgres`, or undefined. */
export function hostBinDir(): string | undefined {
  return BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

/** A running server: its socket dir and port, and a way to stop it. */
export interface HostPostgres {
  socketDir: string;
  port: number;
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

function owner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('tests run as root need the postgres user; run scripts/provision.sh');
  return { uid: Number(found.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** initdb (role `sqlrs`, local trust) + postgres on a random port; resolves once it accepts sessions. */
export async function startHostPostgres(binDir: string): Promise<HostPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'sqlrs-conntrack-'));
  const as = owner();
  if (as !== undefined) chownSync(root, as.uid, as.gid);
  const ids = as === undefined ? {} : { uid: as.uid, gid: as.gid };
  const pgdata = join(root, 'pgdata');
  const init = spawnSync(join(binDir, 'initdb'), ['-D', pgdata, '-U', 'sqlrs', '--auth-local=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
    ...ids,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`initdb failed as ${as === undefined ? userInfo().username : 'postgres'}: ${init.stderr}`);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server: ChildProcess = spawn(
    join(binDir, 'postgres'),
    ['-D', pgdata, '-k', root, '-c', `port=${port}`, '-c', "listen_addresses=", '-c', 'fsync=off'],
    { ...ids, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!existsSync(join(root, `.s.PGSQL.${port}`))) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('host postgres did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 200));
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
    await exited;
  };
  return {
    socketDir: root,
    port,
    stop,
    async cleanup() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
