// The host and docker runners against the real Liquibase CLI and a real PostgreSQL (a container
// of the test image with trust auth). Without Docker, Java or the runner image the cases skip
// with the reason, or fail under CI=true.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import pg from 'pg';
import type { Sandbox } from '@sqlrs/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerLiquibaseRunner } from '../src/docker-runner.js';
import { pinnedLauncher } from '../src/distribution.js';
import { HostLiquibaseRunner } from '../src/host-runner.js';
import { parsePreview } from '../src/preview.js';
import { DEFAULTS_FILE, type LiquibaseRunner } from '../src/runner.js';

const PG_IMAGE = 'sqlrs-test/postgres:15';
const RUNNER_IMAGE = 'sqlrs-test/liquibase:4.28.0';
/** The host runner's Java (on PATH, as the launcher finds it). */
const JAVA = process.env['JAVA_HOME'] === undefined ? 'java' : `${process.env['JAVA_HOME']}/bin/java`;
const STORE = 'ab'.repeat(16);
const docker = new Dockerode();

function missing(): string | undefined {
  try {
    execFileSync('docker', ['image', 'inspect', PG_IMAGE, RUNNER_IMAGE], { stdio: 'ignore' });
    execFileSync(JAVA, ['-version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `needs Docker with ${PG_IMAGE} and ${RUNNER_IMAGE}, and Java 17: run scripts/provision.sh as root`;
  }
}

let reason: string | undefined;
let work: string;
let container: Dockerode.Container | undefined;
let sandbox: Sandbox;

async function startPostgres(): Promise<Sandbox> {
  container = await docker.createContainer({
    Image: PG_IMAGE,
    Cmd: ['sh', '-c', 'initdb -D /tmp/pg -U sqlrs --auth=trust >/dev/null && echo "host all all 0.0.0.0/0 trust" >> /tmp/pg/pg_hba.conf && exec postgres -D /tmp/pg -c listen_addresses=* -p 5432'],
    Labels: { 'sqlrs.store': STORE, 'sqlrs.kind': 'build' },
    ExposedPorts: { '5432/tcp': {} },
    HostConfig: { PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, AutoRemove: true },
  });
  await container.start();
  const info = await container.inspect();
  const port = Number(info.NetworkSettings.Ports['5432/tcp']?.[0]?.HostPort);
  for (let i = 0; i < 100; i += 1) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'sqlrs', database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    ref: { kind: 'docker', id: info.Id, purpose: 'build', ownerId: 'cd'.repeat(16), storeId: STORE, running: true },
    endpoint: { host: '127.0.0.1', port, innerPort: 5432, socketDir: '/var/run/postgresql' },
  };
}

async function query(sql: string): Promise<unknown[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: sandbox.endpoint.port, user: 'sqlrs', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  reason = missing();
  if (reason !== undefined) {
    if (process.env['CI'] === 'true') throw new Error(reason);
    return;
  }
  work = await mkdtemp(join(tmpdir(), 'sqlrs-lb-real-'));
  sandbox = await startPostgres();
}, 120_000);

afterAll(async () => {
  await container?.remove({ force: true }).catch(() => undefined);
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const modes: [string, () => LiquibaseRunner][] = [
  ['host', () => new HostLiquibaseRunner({ executable: pinnedLauncher() })],
  ['docker', () => new DockerLiquibaseRunner({ docker, image: RUNNER_IMAGE, user: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 } })],
];

describe.each(modes)('the %s runner against the real CLI', (mode, make) => {
  async function setup(schema: string): Promise<{ runner: LiquibaseRunner; root: string; workDir: string }> {
    const root = join(work, `${mode}-${schema}-changelog`);
    const workDir = join(work, `${mode}-${schema}-work`);
    await mkdir(root, { recursive: true });
    await mkdir(workDir, { recursive: true });
    await writeFile(join(workDir, DEFAULTS_FILE), '');
    const body = (n: number): string => `--changeset ${mode}:${n}\ninsert into ${schema}.t values (${n});\n`;
    await writeFile(join(root, 'main.sql'), `--liquibase formatted sql\n--changeset ${mode}:0\ncreate schema ${schema}; create table ${schema}.t (n int);\n${body(1)}${body(2)}`);
    // Liquibase would read this from a working directory; the runner's is the empty workDir.
    await writeFile(join(root, 'liquibase.properties'), 'liquibase.command.contexts=never\n');
    return { runner: make(), root, workDir };
  }

  it('reports 4.28.0', { timeout: 120_000 }, async (t) => {
    if (reason !== undefined) t.skip(reason);
    expect(await make().version()).toBe('4.28.0');
  });

  it('previews pending changesets and applies exactly one with update-count --count 1', { timeout: 180_000 }, async (t) => {
    if (reason !== undefined) t.skip(reason);
    const schema = `s_${mode}`;
    const { runner, root, workDir } = await setup(schema);
    const base = { roots: [root], workDir, sandbox, password: 'unused', appName: 'sqlrs-test', statementTimeoutMs: 60_000, env: {}, jobId: 'cd'.repeat(16), storeId: STORE };
    const preview = await runner.run({ ...base, args: ['update-sql', '--changelog-file=main.sql'] }, () => undefined, new AbortController().signal);
    expect(preview.exitCode).toBe(0);
    expect(parsePreview(preview.stdout).map((cs) => `${cs.path}::${cs.id}::${cs.author}`)).toEqual([0, 1, 2].map((n) => `main.sql::${n}::${mode}`));
    const lines: string[] = [];
    const applied = await runner.run({ ...base, args: ['update-count', '--count=1', '--changelog-file=main.sql'] }, (_s, line) => lines.push(line), new AbortController().signal);
    expect(applied.exitCode).toBe(0);
    expect(lines).toContain(`Running Changeset: main.sql::0::${mode}`);
    expect(await query(`select id, filename from databasechangelog where author = '${mode}' order by orderexecuted`)).toEqual([{ id: '0', filename: 'main.sql' }]);
  });

  it('returns a failing exit code with the database error in the output', { timeout: 120_000 }, async (t) => {
    if (reason !== undefined) t.skip(reason);
    const { runner, root, workDir } = await setup(`f_${mode}`);
    await writeFile(join(root, 'bad.sql'), '--liquibase formatted sql\n--changeset me:1\ninsert into nowhere values (1);\n');
    const lines: string[] = [];
    const result = await runner.run(
      { args: ['update', '--changelog-file=bad.sql'], roots: [root], workDir, sandbox, password: 'x', appName: 'sqlrs-test', statementTimeoutMs: 60_000, env: {}, jobId: 'cd'.repeat(16), storeId: STORE },
      (_s, line) => lines.push(line),
      new AbortController().signal,
    );
    expect(result.exitCode).not.toBe(0);
    expect(lines.join('\n')).toMatch(/relation "nowhere" does not exist/);
  });

  it('is killed when its signal aborts', { timeout: 120_000 }, async (t) => {
    if (reason !== undefined) t.skip(reason);
    const { runner, root, workDir } = await setup(`k_${mode}`);
    const controller = new AbortController();
    const started = Date.now();
    const run = runner.run(
      { args: ['update-sql', '--changelog-file=main.sql'], roots: [root], workDir, sandbox, password: 'x', appName: 'sqlrs-test', statementTimeoutMs: 60_000, env: {}, jobId: 'cd'.repeat(16), storeId: STORE },
      () => controller.abort(),
      controller.signal,
    );
    const result = await run;
    expect(result.exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    if (mode === 'docker') {
      await new Promise((r) => setTimeout(r, 1000));
      const left = await docker.listContainers({ all: true, filters: { label: [`sqlrs.store=${STORE}`, 'sqlrs.tool=liquibase'] } });
      expect(left).toEqual([]);
    }
  });
});

describe('unavailable runners name what to install', () => {
  it('host: a missing executable or missing Java', async () => {
    await expect(new HostLiquibaseRunner({ executable: '/nonexistent/liquibase' }).version()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/install Liquibase 4\.x/) });
    await expect(new HostLiquibaseRunner({ executable: pinnedLauncher(), path: '/nonexistent' }).version()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Java not found.*openjdk-17-jre-headless/) });
  });

  it('docker: a missing runner image', async (t) => {
    if (reason !== undefined) t.skip(reason);
    const runner = new DockerLiquibaseRunner({ docker, image: 'sqlrs-test/no-such-liquibase:1', user: { uid: 0, gid: 0 } });
    await expect(runner.version()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/scripts\/liquibase-image\.sh/) });
  });
});
