import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { harness, psqlRequest, settled } from './helpers/service-harness.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
}

describe('submit checks (api.md §4.4)', () => {
  it('rejects psql argument errors with 400 and no job', async () => {
    const h = await harness();
    const error = await failure(h.service.submit(psqlRequest(['-h', 'db', '-c', 'select 1'])));
    expect(error).toMatchObject({ code: 'invalid_argument', message: 'connection flags are not allowed' });
    expect(h.store.listJobs()).toEqual([]);
  });

  it('rejects an unreadable -f file with the path in details', async () => {
    const h = await harness();
    const missing = join(h.work, 'missing.sql');
    expect(await failure(h.service.submit(psqlRequest(['-c', 'x', '-f', missing])))).toEqual(
      new SqlrsError('invalid_argument', 'cannot read file', {
        details: `${missing}: no such file`,
        issues: [{ path: 'psql_args[3]', message: 'cannot read file' }],
      }),
    );
    const error = await failure(h.service.submit(psqlRequest(['-f', h.work])));
    expect(error).toMatchObject({ code: 'invalid_argument', message: 'cannot read file', details: `${h.work}: not a regular file` });
  });

  it('checks Liquibase arguments (400) before answering 503 when no Liquibase provider is wired', async () => {
    const h = await harness();
    const lb = (args: string[]) => h.service.submit({ prepare_kind: 'lb', image_id: 'postgres:15', work_dir: h.work, liquibase_args: args });
    expect(await failure(lb(['update', '--url=jdbc:postgresql://x/y']))).toMatchObject({ code: 'invalid_argument', message: 'connection flags are not allowed' });
    expect(await failure(lb(['update-sql']))).toMatchObject({ code: 'invalid_argument', message: 'unsupported lb command' });
    expect(await failure(lb(['update', '--changelog-file', 'missing.xml']))).toMatchObject({ code: 'invalid_argument', message: 'path does not exist' });
    await writeFile(join(h.work, 'changelog.sql'), '--liquibase formatted sql\n');
    const error = await failure(lb(['update', '--changelog-file', 'changelog.sql']));
    expect(error).toEqual(new SqlrsError('unavailable', 'Liquibase is not configured in this engine; prepare_kind lb needs the Liquibase provider'));
    expect(h.store.listJobs()).toEqual([]);
  });

  it('rejects a bad name with 400 and a reserved one with 409', async () => {
    const h = await harness();
    expect(await failure(h.service.submit(psqlRequest([], { name: 'Bad Name' })))).toMatchObject({ code: 'invalid_argument', issues: [{ path: 'name' }] });
    let release: (() => void) | undefined;
    h.runtime.exec_ = () =>
      new Promise((resolve) => {
        release = () => resolve(0);
      });
    const first = await h.service.submit(psqlRequest(['-c', 'select 1'], { name: 'dev' }));
    expect(await failure(h.service.submit(psqlRequest([], { name: 'dev' })))).toEqual(
      new SqlrsError('conflict', `name dev is reserved by running job ${first.job_id}; wait for it or pick another name`),
    );
    while (release === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const done = await settled(h.service, first.job_id);
    expect(await failure(h.service.submit(psqlRequest([], { name: 'dev' })))).toEqual(
      new SqlrsError('conflict', `name dev is bound to instance ${done?.result?.instance_id}; pass rebind: true to move it`),
    );
    const rebound = await h.service.submit(psqlRequest([], { name: 'dev', rebind: true }));
    expect((await settled(h.service, rebound.job_id))?.status).toBe('succeeded');
  });

  it('answers 503 with the runtime probe reason and fix, and creates no job', async () => {
    const h = await harness();
    h.runtime.probeResult = { ok: false, reason: 'docker daemon is not reachable', fix: 'start Docker' };
    expect(await failure(h.service.submit(psqlRequest([])))).toEqual(new SqlrsError('unavailable', 'docker daemon is not reachable; start Docker'));
    expect(h.store.listJobs()).toEqual([]);
  });

  it('answers 429 once 256 jobs are queued or running', async () => {
    const h = await harness();
    for (let i = 1; i <= 256; i += 1) {
      h.store.insertJob({
        jobId: (1000 + i).toString(16).padStart(32, '0'),
        prepareKind: 'psql',
        planOnly: false,
        imageRef: 'postgres:15',
        name: null,
        ttlSeconds: null,
        requestJson: '{}',
        prepareArgsNormalized: '',
        deadlineAt: null,
        createdAt: i,
      });
    }
    expect(await failure(h.service.submit(psqlRequest([])))).toEqual(
      new SqlrsError('too_many_requests', '256 prepare jobs are already queued or running; retry when some have finished'),
    );
  });

  it('saves stdin 0600 and keeps it out of request_json', async () => {
    const h = await harness();
    const { job_id: id } = await h.service.submit(psqlRequest(['-f', '-'], { stdin: 'select 1;' }));
    expect((await stat(h.layout.jobStdin(id))).mode & 0o777).toBe(0o600);
    expect(h.store.getJob(id)?.requestJson.includes('select 1;')).toBe(false);
    await settled(h.service, id);
  });
});
