import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { binariesStamp, findHostBinaries, parsePostgresVersion } from '../../src/process/host-binaries.js';

let root: string;

async function fakeInstall(name: string, version: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const scripts: Record<string, string> = {
    postgres: `#!/bin/sh\necho "postgres (PostgreSQL) ${version} (Fake)"\n`,
    initdb: '#!/bin/sh\n',
    psql: '#!/bin/sh\n',
  };
  for (const [file, text] of Object.entries(scripts)) {
    await writeFile(join(dir, file), text);
    await chmod(join(dir, file), 0o755);
  }
  return dir;
}

const none = async (): Promise<undefined> => undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-bins-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findHostBinaries', () => {
  it('prefers binDir, then pg_config, then PATH, for the requested major', async () => {
    const configured = await fakeInstall('configured', '91.1');
    const fromConfig = await fakeInstall('config', '91.2');
    const onPath = await fakeInstall('path', '92.0');
    const base = { path: onPath, pgConfigBindir: async () => fromConfig };
    expect(await findHostBinaries(91, { ...base, binDir: configured })).toEqual({
      binDir: configured,
      pgVersion: '91.1',
      pgMajor: 91,
      postgres: join(configured, 'postgres'),
      initdb: join(configured, 'initdb'),
      psql: join(configured, 'psql'),
    });
    expect((await findHostBinaries(91, base)).binDir).toBe(fromConfig);
    expect((await findHostBinaries(92, base)).binDir).toBe(onPath);
  });

  it('picks the newest installation when no major is asked for', async () => {
    const older = await fakeInstall('older', '93.9');
    const newer = await fakeInstall('newer', '93.10');
    expect((await findHostBinaries(undefined, { binDir: older, path: newer, pgConfigBindir: none })).pgVersion).toBe('93.10');
  });

  it('ignores a directory that lacks psql', async () => {
    const partial = await fakeInstall('partial', '94.0');
    await rm(join(partial, 'psql'));
    await expect(findHostBinaries(94, { binDir: partial, path: '', pgConfigBindir: none })).rejects.toBeInstanceOf(SqlrsError);
  });

  it('names every place searched when nothing fits', async () => {
    await expect(findHostBinaries(99, { binDir: '/nowhere/bin', path: '', pgConfigBindir: none })).rejects.toEqual(
      new SqlrsError(
        'unavailable',
        'PostgreSQL 99 server binaries (postgres, initdb, psql) were not found in runtime.process.binDir (/nowhere/bin), ' +
          'pg_config --bindir (pg_config not found), PATH, /usr/lib/postgresql/99/bin, /usr/pgsql-99/bin, ' +
          '/opt/homebrew/opt/postgresql@99/bin; install them (e.g. apt-get install postgresql-99) or set runtime.process.binDir',
      ),
    );
  });
});

describe('parsePostgresVersion', () => {
  it('reads version and major from postgres --version', () => {
    expect(parsePostgresVersion('postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n')).toEqual({ pgVersion: '15.18', pgMajor: 15 });
    expect(parsePostgresVersion('postgres (PostgreSQL) 17beta1')).toEqual({ pgVersion: '17beta1', pgMajor: 17 });
    expect(parsePostgresVersion('something else')).toBeUndefined();
  });
});

describe('binariesStamp', () => {
  it('stays the same for an unchanged install and changes when a binary is replaced', async () => {
    const dir = await fakeInstall('stamp', '15.18');
    const found = await findHostBinaries(15, { binDir: dir, path: '', pgConfigBindir: none });
    const before = await binariesStamp(found);
    expect(await binariesStamp(found)).toBe(before);
    await writeFile(join(dir, 'postgres'), '#!/bin/sh\necho "postgres (PostgreSQL) 15.20 (Fake)"\n');
    expect(await binariesStamp(found)).not.toBe(before);
    await rm(join(dir, 'psql'));
    expect(await binariesStamp(found)).toContain(`${join(dir, 'psql')}:missing`);
  });
});
