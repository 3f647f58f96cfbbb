// The CLI against a fake engine: request shapes, stdout/stderr rules and exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { COMMANDS } from '../src/commands/index.js';
import { json, ndjson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, Route } from './fake-engine.js';
import { fakeIo } from './fake-io.js';
import { I, J, S1, TIMESTAMP, blockedInstanceDelete, instanceEntry, jobAccepted, jobStatus, nameEntry, successEvents } from './fixtures.js';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function cli(routes: Record<string, Route>, argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  engine = await startFakeEngine(routes);
  const io = fakeIo({ store: engine.store, ...options });
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err, requests: engine.requests };
}

const prepareRoutes = (status: object, events: object[]): Record<string, Route> => ({
  'POST /v1/prepare-jobs': (_req, res) => json(res, 201, jobAccepted),
  [`GET /v1/prepare-jobs/${J}/events`]: (_req, res) => ndjson(res, events),
  [`GET /v1/prepare-jobs/${J}`]: (_req, res) => json(res, 200, status),
});

describe('prepare:psql', () => {
  it('sends absolute file paths and the image, prints the DSN alone on stdout and progress on stderr', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), successEvents), ['prepare:psql', '--ttl', '1h', '--', '-f', 'schema.sql', '-c', 'select 1'], {
      env: { SQLRS_IMAGE: 'img' },
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe('postgres://sqlrs:secret@127.0.0.1:55432/postgres\n');
    const submit = r.requests.find((q) => q.method === 'POST');
    expect(JSON.parse(submit?.body ?? '')).toEqual({ prepare_kind: 'psql', image_id: 'img', ttl_seconds: 3600, psql_args: ['-f', '/work/app/schema.sql', '-c', 'select 1'] });
    expect(r.err).toContain('sqlrs: execute-0 succeeded (cached)\n');
    expect(r.err).toContain('sqlrs: job succeeded\n');
  });

  it('passes stdin for -f -', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), successEvents), ['prepare:psql', '--', '-f', '-'], { stdin: 'select 42;' });
    expect(JSON.parse(r.requests.find((q) => q.method === 'POST')?.body ?? '')).toMatchObject({ psql_args: ['-f', '-'], stdin: 'select 42;' });
  });

  it('prints the whole job status with --output json and no progress', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), successEvents), ['prepare:psql', '-o', 'json', '--', '-c', 'select 1']);
    expect(JSON.parse(r.out)).toMatchObject({ job_id: J, status: 'succeeded', result: { instance_id: I } });
    expect(r.err).toBe('');
  });

  it('exits 65 with the job error and its details when the job fails', async () => {
    const failed = jobStatus('failed', { code: 'internal_error', message: 'psql failed', details: 'ERROR:  syntax error' });
    const events = [...successEvents.slice(0, 4), { seq: 4, type: 'status', ts: TIMESTAMP, status: 'failed' }];
    const r = await cli(prepareRoutes(failed, events), ['prepare:psql', '--', '-c', 'selec 1']);
    expect(r.code).toBe(65);
    expect(r.out).toBe('');
    expect(r.err).toContain(`sqlrs: job ${J} failed: psql failed (internal_error)\nERROR:  syntax error\n`);
  });

  it('prints only the job id with --no-watch', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), []), ['prepare:psql', '--no-watch', '--', '-c', 'select 1']);
    expect([r.code, r.out]).toEqual([0, `${J}\n`]);
  });
});

describe('request shapes', () => {
  const body = (r: { requests: { method: string; url: string; body: string }[] }, url: string): unknown =>
    JSON.parse(r.requests.find((q) => q.method !== 'GET' && q.url.startsWith(url))?.body ?? 'null');

  it('prepare:lb sends the Liquibase arguments and the current directory as work_dir', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), []), ['prepare:lb', '--no-watch', '--image', 'img', '--', 'update', '--changelog-file=db/changelog.xml']);
    expect(body(r, '/v1/prepare-jobs')).toEqual({ prepare_kind: 'lb', image_id: 'img', liquibase_args: ['update', '--changelog-file=db/changelog.xml'], work_dir: '/work/app' });
  });

  it('plan:psql submits a plan_only job without instance fields', async () => {
    const r = await cli(prepareRoutes(jobStatus('succeeded'), successEvents), ['plan:psql', '--', '-f', 'a.sql']);
    expect(body(r, '/v1/prepare-jobs')).toEqual({ prepare_kind: 'psql', image_id: 'postgres:17', plan_only: true, psql_args: ['-f', '/work/app/a.sql'] });
    expect(r.out).toContain('execute-0         cached  aaaaaaaaaaaa  -f /work/app/schema.sql');
  });

  it('config set reads JSON values and falls back to strings', async () => {
    const echo: Route = (req, res) => json(res, 200, JSON.parse(req.body) as object);
    for (const [raw, value] of [['4', 4], ['null', null], ['debug', 'debug'], ['[15432,15500]', [15432, 15500]]] as const) {
      const r = await cli({ 'PATCH /v1/config': echo }, ['config', 'set', 'some.key', raw, '-o', 'json']);
      expect(JSON.parse(r.out)).toEqual({ path: 'some.key', value });
      await engine?.close();
      engine = undefined;
    }
  });
});

describe('Ctrl+C off a TTY', () => {
  it('cancels the watched job without asking and exits 130', async () => {
    let cancelled = false;
    engine = await startFakeEngine({
      'POST /v1/prepare-jobs': (_req, res) => json(res, 201, jobAccepted),
      // The stream stays open until the cancel arrives, then ends like a cancelled job's.
      [`GET /v1/prepare-jobs/${J}/events`]: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${JSON.stringify(successEvents[1])}\n`);
        const wait = setInterval(() => {
          if (!cancelled) return;
          clearInterval(wait);
          res.end(`${JSON.stringify({ seq: 2, type: 'status', ts: TIMESTAMP, status: 'failed' })}\n`);
        }, 20);
      },
      [`POST /v1/prepare-jobs/${J}/cancel`]: (_req, res) => {
        cancelled = true;
        json(res, 202, jobStatus('running'));
      },
      [`GET /v1/prepare-jobs/${J}`]: (_req, res) => json(res, 200, jobStatus('failed', { code: 'cancelled', message: 'job cancelled' })),
    });
    const io = fakeIo({ store: engine.store });
    const running = runCli(['prepare:psql', '--', '-c', 'select pg_sleep(60)'], io);
    await new Promise((r) => setTimeout(r, 300));
    io.interrupt();
    expect(await running).toBe(130);
    expect(engine.requests.some((q) => q.url === `/v1/prepare-jobs/${J}/cancel`)).toBe(true);
    expect(io.err).toContain(`sqlrs: cancelling job ${J}\n`);
  });
});

describe('run:psql', () => {
  it('streams the output and exits with the tool exit code', async () => {
    const r = await cli(
      {
        'POST /v1/runs': (_req, res) =>
          ndjson(res, [
            { type: 'start', ts: TIMESTAMP, instance_id: I, run_id: 'r1' },
            { type: 'stdout', ts: TIMESTAMP, data: 'partial\n' },
            { type: 'stderr', ts: TIMESTAMP, data: 'ERROR:  division by zero\n' },
            { type: 'exit', ts: TIMESTAMP, exit_code: 3 },
          ]),
      },
      ['run:psql', 'dev', '--', '-f', 'q.sql'],
    );
    expect([r.code, r.out, r.err]).toEqual([3, 'partial\n', 'ERROR:  division by zero\n']);
    expect(JSON.parse(r.requests.find((q) => q.url === '/v1/runs')?.body ?? '')).toEqual({ instance_ref: 'dev', kind: 'psql', args: ['-f', '/work/app/q.sql'] });
  });

  it('maps a run error event to its exit code', async () => {
    const r = await cli(
      { 'POST /v1/runs': (_req, res) => ndjson(res, [{ type: 'error', ts: TIMESTAMP, error: { code: 'unavailable', message: 'engine is shutting down' } }]) },
      ['run:psql', 'dev', '--', '-c', 'select 1'],
    );
    expect([r.code, r.err]).toEqual([69, 'sqlrs: engine is shutting down\n']);
  });
});

describe('Ctrl+C during run:psql', () => {
  it('disconnects (the engine stops the tool) and exits 130', async () => {
    engine = await startFakeEngine({
      'POST /v1/runs': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${JSON.stringify({ type: 'start', ts: TIMESTAMP, instance_id: I, run_id: 'r1' })}\n`);
      },
    });
    const io = fakeIo({ store: engine.store });
    const running = runCli(['run:psql', 'dev', '--', '-c', 'select pg_sleep(60)'], io);
    await new Promise((r) => setTimeout(r, 300));
    io.interrupt();
    expect(await running).toBe(130);
  });
});

describe('rm', () => {
  it('exits 75 and prints the blocked tree when the instance has a live session', async () => {
    const r = await cli(
      {
        'GET /v1/names/dev': (_req, res) => json(res, 200, nameEntry),
        [`DELETE /v1/instances/${I}`]: (_req, res) => json(res, 409, blockedInstanceDelete),
      },
      ['rm', 'dev'],
    );
    expect(r.code).toBe(75);
    expect(r.out).toBe(`blocked:\n  instance ${I} connections=1  BLOCKED: active_connections\n`);
  });

  it('deletes a state found by prefix, recursively, and renders the tree', async () => {
    const r = await cli(
      {
        'GET /v1/instances': (_req, res) => json(res, 200, []),
        'GET /v1/states': (_req, res) => json(res, 200, [stateLike()]),
        [`DELETE /v1/states/${S1}`]: (_req, res) =>
          json(res, 200, {
            dry_run: true,
            outcome: 'would_delete',
            root: { kind: 'state', id: S1, connections: null, runtime_id: null, blocked: null, children: [{ ...blockedInstanceDelete.root, connections: 0, blocked: null }] },
          }),
      },
      ['rm', '-r', '--dry-run', 'aaaaaaaa'],
    );
    expect(r.code).toBe(0);
    expect(r.requests.find((q) => q.method === 'DELETE')?.url).toBe(`/v1/states/${S1}?recurse=true&dry_run=true`);
    expect(r.out).toBe(`would delete:\n  state ${S1}\n    instance ${I} connections=0\n`);
  });

  it('refuses an ambiguous id prefix with exit 64', async () => {
    const r = await cli(
      {
        'GET /v1/instances': (_req, res) => json(res, 200, [instanceEntry]),
        'GET /v1/states': (_req, res) => json(res, 200, [{ ...stateLike(), state_id: `4be1d2c3${'0'.repeat(56)}` }]),
      },
      ['rm', '4be1d2c3'],
    );
    expect(r.code).toBe(64);
    expect(r.err).toContain('id prefix "4be1d2c3" is ambiguous');
  });

  it('says clearly when the engine build lacks the route (503 not implemented)', async () => {
    const r = await cli(
      {
        'GET /v1/names/dev': (_req, res) => json(res, 200, nameEntry),
        [`DELETE /v1/instances/${I}`]: (_req, res) => json(res, 503, { code: 'unavailable', message: 'DELETE /v1/instances/{id_or_name} is not implemented in this build' }),
      },
      ['rm', '-o', 'json', 'dev'],
    );
    expect(r.code).toBe(69);
    expect(JSON.parse(r.err)).toEqual({
      error: { code: 'not_implemented', message: 'this engine build does not implement DELETE /v1/instances/{id_or_name} yet; update sqlrs-engine to a build that has it' },
    });
  });
});

function stateLike() {
  return {
    state_id: S1,
    parent_state_id: null,
    image_id: 'img@sha256:ab',
    prepare_kind: 'psql',
    prepare_args_normalized: '-X',
    created_at: TIMESTAMP,
    size_bytes: 1024,
    last_used_at: null,
    use_count: 0,
    refcount: 0,
    status: 'ready',
    min_retention_until: null,
  };
}

describe('exit codes and usage', () => {
  it('exits 66 for an unknown job', async () => {
    const r = await cli({ 'GET /v1/prepare-jobs': (_req, res) => json(res, 200, []) }, ['watch', 'abcdef12']);
    expect([r.code, r.err]).toEqual([66, 'sqlrs: no job id starts with abcdef12\n']);
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['rm'], 'rm: missing argument'],
    [['ls', '--output', 'xml'], '--output must be text or json'],
    [['ls', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 64 for %j', async (argv, message) => {
    const io = fakeIo({ store: '/nonexistent-store' });
    expect(await runCli(argv, io)).toBe(64);
    expect(io.err).toContain(message);
  });

  it('engine status exits 69 when no engine runs, without starting one', async () => {
    const io = fakeIo({ store: '/nonexistent-store' });
    expect(await runCli(['engine', 'status', '-o', 'json'], io)).toBe(69);
    expect(JSON.parse(io.out)).toEqual({ running: false, store_root: '/nonexistent-store' });
  });

  it('ls --output json is one parsable document with the chosen sections', async () => {
    const r = await cli(
      { 'GET /v1/instances': (_req, res) => json(res, 200, [instanceEntry]), 'GET /v1/names': (_req, res) => json(res, 200, [nameEntry]) },
      ['ls', '-o', 'json'],
    );
    expect(JSON.parse(r.out)).toEqual({ instances: [instanceEntry], names: [nameEntry] });
  });

  it('has --help with examples for every command', async () => {
    for (const command of COMMANDS) {
      const io = fakeIo();
      expect(await runCli([...command.name.split(' '), '--help'], io), command.name).toBe(0);
      expect(io.out, command.name).toContain(`Usage: sqlrs ${command.name}`);
      expect(io.out, command.name).toMatch(/Examples:\n {2}\S/);
    }
  });
});
