// Issue 5 acceptance, end to end through the built engine with real Docker, PostgreSQL and
// Liquibase: per-changeset states for formatted-SQL and XML changelogs, cache hits, appended and
// changed changesets, context keys, the distribution's sample changelogs, failures and 400s —
// once with the host runner (Java + the pinned distribution) and once with the Docker runner.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PrepareJobRequest } from '@sqlrs/contract';
import { pinnedExamplesDir } from '@sqlrs/liquibase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tempStore } from './engine-process.js';
import { TEST_IMAGE, cachedFlags, openSession, psqlAt, removeStoreContainers, stepStates, stopEngine, storeContainers, tempDir, unique, waitForJob } from './prepare-e2e-harness.js';
import type { EngineSession, FinishedJob } from './prepare-e2e-harness.js';

const SLOW = 600_000;
const RUNNER_IMAGE = 'sqlrs-test/liquibase:4.28.0';
/** The host runner's Java (on PATH, as the launcher finds it). */
const JAVA = process.env['JAVA_HOME'] === undefined ? 'java' : `${process.env['JAVA_HOME']}/bin/java`;

/** Why a mode cannot run here (Java, Docker or the runner image missing), or undefined. */
function missingPrerequisite(mode: 'host' | 'docker'): string | undefined {
  try {
    execFileSync('docker', ['image', 'inspect', TEST_IMAGE], { stdio: 'ignore' });
  } catch {
    return `Docker or ${TEST_IMAGE} is missing; run scripts/provision.sh as root`;
  }
  try {
    if (mode === 'host') execFileSync(JAVA, ['-version'], { stdio: 'ignore' });
    else execFileSync('docker', ['image', 'inspect', RUNNER_IMAGE], { stdio: 'ignore' });
  } catch {
    return mode === 'host' ? 'Java is missing; install openjdk-17-jre-headless' : `${RUNNER_IMAGE} is missing; run scripts/liquibase-image.sh as root`;
  }
  return undefined;
}

function sqlChangelog(changesets: string[]): string {
  return `--liquibase formatted sql\n\n${changesets.map((body, i) => `--changeset sqlrs:${i + 1}\n${body}\n`).join('\n')}`;
}

function xmlChangelog(changesets: string[]): string {
  const sets = changesets.map((body, i) => `  <changeSet id="${i + 1}" author="sqlrs">\n    <sql>${body}</sql>\n  </changeSet>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"\n  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n  xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">\n${sets}\n</databaseChangeLog>\n`;
}

function fiveChangesets(u: string): string[] {
  return [
    `create table item_${u} (id int primary key, name text not null);`,
    `insert into item_${u} values (1, 'apple');`,
    `insert into item_${u} values (2, 'pear');`,
    `insert into item_${u} values (3, 'plum');`,
    `create view names_${u} as select name from item_${u} order by id;`,
  ];
}

function executedCount(job: FinishedJob): number {
  return cachedFlags(job).filter((c) => c === false).length;
}

function liquibaseLogs(job: FinishedJob): string[] {
  return job.events.filter((e) => e.type === 'log' && e.message?.startsWith('liquibase:')).map((e) => e.message as string);
}

function describeMode(mode: 'host' | 'docker'): void {
  describe(`prepare_kind lb with the ${mode} runner`, () => {
    const dirs: string[] = [];
    let store: string | undefined;
    let session: EngineSession | undefined;
    let missing: string | undefined;

    beforeAll(async () => {
      missing = missingPrerequisite(mode);
      if (missing !== undefined) {
        if (process.env.CI === 'true') throw new Error(missing);
        return;
      }
      assertBuilt();
      store = tempStore();
      session = await openSession(store);
      const patch = async (p: string, value: unknown): Promise<void> => {
        const res = await (session as EngineSession).call('PATCH', '/v1/config', { body: { path: p, value } });
        expect(res.status).toBe(200);
      };
      await patch('orchestrator.jobs.maxIdentical', 0);
      if (mode === 'docker') await patch('liquibase.image', RUNNER_IMAGE);
    }, 60_000);

    afterAll(async () => {
      await stopEngine(session);
      removeStoreContainers(session?.storeId);
      for (const dir of [store, ...dirs]) if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    function s(t: { skip: (note: string) => void }): EngineSession {
      if (missing !== undefined) t.skip(missing);
      return session as EngineSession;
    }

    function workDir(files: Record<string, string>): string {
      const dir = tempDir();
      dirs.push(dir);
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      return dir;
    }

    async function lb(sess: EngineSession, request: Partial<PrepareJobRequest>): Promise<FinishedJob> {
      const accepted = await sess.client.submitPrepareJob({ prepare_kind: 'lb', image_id: TEST_IMAGE, ...request } as PrepareJobRequest);
      return waitForJob(sess.client, accepted.job_id);
    }

    async function stateCount(sess: EngineSession): Promise<number> {
      return ((await (await sess.call('GET', '/v1/states')).json()) as unknown[]).length;
    }

    it('reports the runner in GET /v1/engine', async (t) => {
      const sess = s(t);
      const body = (await (await sess.call('GET', '/v1/engine')).json()) as { liquibase: unknown };
      expect(body.liquibase).toEqual({ mode, version: '4.28.0', ok: true, reason: null });
    });

    it('builds one state per changeset and reuses them (formatted SQL)', { timeout: SLOW }, async (t) => {
      const sess = s(t);
      const u = unique();
      const changesets = fiveChangesets(u);
      const dir = workDir({ 'changelog.sql': sqlChangelog(changesets) });
      const args = ['update', '--changelog-file', 'changelog.sql'];

      const first = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(first.status.status, JSON.stringify(first.status.error)).toBe('succeeded');
      expect(cachedFlags(first)).toEqual([false, false, false, false, false]);
      expect(first.tasks.filter((t) => t.type === 'state_execute').map((t) => t.changeset_id)).toEqual(['1', '2', '3', '4', '5']);
      expect(first.tasks.find((t) => t.task_id === 'execute-0')?.args_summary).toBe('1::sqlrs::changelog.sql');
      expect(liquibaseLogs(first).some((l) => l.includes('Running Changeset: changelog.sql::3::sqlrs'))).toBe(true);
      const dsn = first.status.result?.dsn as string;
      expect(await psqlAt(dsn, 'select count(*) from databasechangelog')).toBe('5');
      expect(await psqlAt(dsn, `select string_agg(name, ',') from names_${u}`)).toBe('apple,pear,plum');

      const again = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(again.status.status, JSON.stringify(again.status.error)).toBe('succeeded');
      expect(cachedFlags(again)).toEqual([true, true, true, true, true]);
      expect(stepStates(again)).toEqual(stepStates(first));
      expect(liquibaseLogs(again).some((l) => l.includes('Running Changeset'))).toBe(false);
      expect(liquibaseLogs(again).some((l) => l.includes('plan memo hit, 5 pending changesets'))).toBe(true);

      fs.writeFileSync(path.join(dir, 'changelog.sql'), sqlChangelog([...changesets, `insert into item_${u} values (4, 'fig');`]));
      const sixth = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(sixth.status.status, JSON.stringify(sixth.status.error)).toBe('succeeded');
      expect(cachedFlags(sixth)).toEqual([true, true, true, true, true, false]);
      expect(stepStates(sixth).slice(0, 5)).toEqual(stepStates(first));
      expect(await psqlAt(sixth.status.result?.dsn as string, 'select count(*) from databasechangelog')).toBe('6');

      const changed = [...changesets, `insert into item_${u} values (4, 'fig');`];
      changed[3] = `insert into item_${u} values (3, 'quince');`;
      fs.writeFileSync(path.join(dir, 'changelog.sql'), sqlChangelog(changed));
      const fourth = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(fourth.status.status, JSON.stringify(fourth.status.error)).toBe('succeeded');
      expect(cachedFlags(fourth)).toEqual([true, true, true, false, false, false]);
      expect(stepStates(fourth).slice(0, 3)).toEqual(stepStates(first).slice(0, 3));
      expect(stepStates(fourth)[3]).not.toBe(stepStates(first)[3]);
      expect(await psqlAt(fourth.status.result?.dsn as string, `select string_agg(name, ',') from names_${u}`)).toBe('apple,pear,quince,fig');

      const contexts = await lb(sess, { work_dir: dir, liquibase_args: [...args, '--contexts=ci'] });
      expect(contexts.status.status, JSON.stringify(contexts.status.error)).toBe('succeeded');
      expect(executedCount(contexts)).toBe(6);
      for (const [k, id] of stepStates(contexts).entries()) expect(id).not.toBe(stepStates(fourth)[k]);
    });

    it('builds the same chain from an XML changelog', { timeout: SLOW }, async (t) => {
      const sess = s(t);
      const u = unique();
      const dir = workDir({ 'changelog.xml': xmlChangelog(fiveChangesets(u)) });
      const job = await lb(sess, { work_dir: dir, liquibase_args: ['update', `--changelog-file=${path.join(dir, 'changelog.xml')}`] });
      expect(job.status.status, JSON.stringify(job.status.error)).toBe('succeeded');
      expect(cachedFlags(job)).toEqual([false, false, false, false, false]);
      const dsn = job.status.result?.dsn as string;
      expect(await psqlAt(dsn, "select string_agg(id || '@' || filename, ',' order by orderexecuted) from databasechangelog")).toBe(
        '1@changelog.xml,2@changelog.xml,3@changelog.xml,4@changelog.xml,5@changelog.xml',
      );
    });

    it('runs a runAlways changeset and everything after it as one uncached tail', { timeout: SLOW }, async (t) => {
      const sess = s(t);
      const u = unique();
      const text = `--liquibase formatted sql\n\n--changeset sqlrs:1\ncreate table runs_${u} (n int);\n\n--changeset sqlrs:2 runAlways:true\ninsert into runs_${u} values (2);\n\n--changeset sqlrs:3\ninsert into runs_${u} values (3);\n`;
      const dir = workDir({ 'changelog.sql': text });
      const args = ['update', '--changelog-file=changelog.sql'];
      const first = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(first.status.status, JSON.stringify(first.status.error)).toBe('succeeded');
      expect(first.tasks.filter((t) => t.type === 'state_execute').map((t) => t.args_summary)).toEqual(['1::sqlrs::changelog.sql', 'runAlways tail: 2 changesets']);
      expect(cachedFlags(first)).toEqual([false, false]);
      const second = await lb(sess, { work_dir: dir, liquibase_args: args });
      expect(cachedFlags(second)).toEqual([true, false]);
      expect(stepStates(second)[0]).toBe(stepStates(first)[0]);
      expect(stepStates(second)[1]).not.toBe(stepStates(first)[1]);
      expect(await psqlAt(second.status.result?.dsn as string, `select string_agg(n::text, ',' order by n) from runs_${u}`)).toBe('2,3');
    });

    for (const format of ['xml', 'yaml', 'json'] as const) {
      it(`prepares the distribution's ${format} sample changelog`, { timeout: SLOW }, async (t) => {
        const sess = s(t);
        const job = await lb(sess, { work_dir: path.join(pinnedExamplesDir(), format), liquibase_args: ['update', `--changelog-file=example-changelog.${format}`] });
        expect(job.status.status, JSON.stringify(job.status.error)).toBe('succeeded');
        expect(executedCount(job)).toBeGreaterThanOrEqual(3);
        expect(await psqlAt(job.status.result?.dsn as string, "select count(*) from information_schema.tables where table_name in ('person', 'company')")).toBe('2');
      });
    }

    it("fails the distribution's formatted-SQL sample with PostgreSQL's error and keeps no state for it", { timeout: SLOW }, async (t) => {
      const sess = s(t);
      const before = await stateCount(sess);
      const job = await lb(sess, { work_dir: path.join(pinnedExamplesDir(), 'sql'), liquibase_args: ['update', '--changelog-file=example-changelog.sql'] });
      expect(job.status.status).toBe('failed');
      expect(job.status.error?.code).toBe('internal_error');
      expect(job.status.error?.message).toMatch(/syntax error/);
      expect(liquibaseLogs(job).some((l) => /ERROR: syntax error at or near/.test(l))).toBe(true);
      expect(await stateCount(sess)).toBe(before);
      expect(storeContainers(sess.storeId, 'build')).toEqual([]);
    });

    it('fails a changeset with its error, keeping the states before it', { timeout: SLOW }, async (t) => {
      const sess = s(t);
      const u = unique();
      const dir = workDir({ 'changelog.sql': sqlChangelog([`create table ok_${u} (id int);`, `insert into missing_${u} values (1);`]) });
      const before = await stateCount(sess);
      const job = await lb(sess, { work_dir: dir, liquibase_args: ['update', '--changelog-file=changelog.sql'] });
      expect(job.status.status).toBe('failed');
      expect(job.status.error?.message).toContain(`relation "missing_${u}" does not exist`);
      expect(job.tasks.find((t) => t.task_id === 'execute-1')?.status).toBe('failed');
      expect(await stateCount(sess)).toBe(before + 1);
    });

    it('rejects a missing changelog and forbidden arguments with 400 and no job', async (t) => {
      const sess = s(t);
      const dir = workDir({ 'changelog.sql': sqlChangelog(['select 1;']) });
      const submit = async (body: Record<string, unknown>): Promise<{ status: number; body: { message: string } }> => {
        const res = await sess.call('POST', '/v1/prepare-jobs', { body: { prepare_kind: 'lb', image_id: TEST_IMAGE, work_dir: dir, ...body } });
        return { status: res.status, body: (await res.json()) as { message: string } };
      };
      expect(await submit({ liquibase_args: ['update', '--changelog-file=nope.sql'] })).toMatchObject({ status: 400, body: { message: 'path does not exist' } });
      expect(await submit({ liquibase_args: ['update', '--changelog-file=changelog.sql', '--url=jdbc:postgresql://x/y'] })).toMatchObject({ status: 400, body: { message: 'connection flags are not allowed' } });
      expect(await submit({ liquibase_args: ['--classpath=/x.jar', 'update', '--changelog-file=changelog.sql'] })).toMatchObject({ status: 400, body: { message: 'runtime flags are not allowed' } });
      expect(await submit({ liquibase_args: ['update-sql', '--changelog-file=changelog.sql'] })).toMatchObject({ status: 400, body: { message: 'unsupported lb command' } });
      expect(await submit({ liquibase_args: ['update', '--changelog-file=changelog.sql'], liquibase_env: { JAVA_OPTS: '-Dx=1' } })).toMatchObject({ status: 400, body: { message: 'runtime flags are not allowed' } });
      expect(await submit({ liquibase_args: ['update', '--changelog-file=changelog.sql'], liquibase_env: { LIQUIBASE_COMMAND_PASSWORD: 'x' } })).toMatchObject({ status: 400, body: { message: 'connection flags are not allowed' } });
      fs.writeFileSync(path.join(dir, 'defaults.properties'), 'liquibase.command.url=jdbc:postgresql://x/y\n');
      expect(await submit({ liquibase_args: ['--defaults-file=defaults.properties', 'update', '--changelog-file=changelog.sql'] })).toMatchObject({ status: 400, body: { message: 'connection flags are not allowed' } });
      const jobs = (await (await sess.call('GET', '/v1/prepare-jobs')).json()) as { prepare_kind: string; status: string }[];
      expect(jobs.filter((j) => j.prepare_kind === 'lb' && j.status === 'queued')).toEqual([]);
    });
  });
}

describeMode('host');
describeMode('docker');
