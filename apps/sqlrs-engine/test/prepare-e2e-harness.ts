// Helpers for the prepare end-to-end tests: an engine with a typed client, job waiting, Docker
// cleanup by store label, and psql through a DSN.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '@sqlrs/client';
import type { SqlrsClient } from '@sqlrs/client';
import type { PrepareJobEvent, PrepareJobRequest, PrepareJobStatus, RunEvent, RunRequest, TaskEntry } from '@sqlrs/contract';
import { spawnEngine, waitForEngineJson } from './engine-process.js';
import type { EngineJson, EngineProcess } from './engine-process.js';

/** The Docker image every prepare test builds on. */
export const TEST_IMAGE = 'sqlrs-test/postgres:15';

/** A running engine and the ways to talk to it. */
export interface EngineSession {
  engine: EngineProcess;
  info: EngineJson;
  client: SqlrsClient;
  storeId: string;
  /** Raw fetch against the engine with the bearer token (JSON body when given). */
  call: (method: string, p: string, o?: { body?: unknown; headers?: Record<string, string> }) => Promise<Response>;
}

/** Starts the engine on `store` and reads its store id. */
export async function openSession(store: string): Promise<EngineSession> {
  const engine = spawnEngine(store);
  const info = await waitForEngineJson(engine);
  const client = createClient({ endpoint: info.endpoint, token: info.authToken, timeoutMs: 120_000 });
  const auth = { Authorization: `Bearer ${info.authToken}` };
  const call: EngineSession['call'] = (method, p, o = {}) =>
    fetch(`http://${info.endpoint}${p}`, {
      method,
      headers: { ...auth, ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
  const storeId = ((await (await call('GET', '/v1/engine')).json()) as { store_id: string }).store_id;
  return { engine, info, client, storeId, call };
}

/** Kills the engine (if still running) with `signal` and waits for it to exit. */
export async function stopEngine(session: EngineSession | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (session === undefined) return;
  if (session.engine.child.exitCode === null && session.engine.child.signalCode === null) session.engine.child.kill(signal);
  await session.engine.exit;
}

/** Ids of the containers labelled with this store (and `sqlrs.kind`, when given). */
export function storeContainers(storeId: string, kind?: string): string[] {
  const filters = ['--filter', `label=sqlrs.store=${storeId}`, ...(kind === undefined ? [] : ['--filter', `label=sqlrs.kind=${kind}`])];
  return execFileSync('docker', ['ps', '-aq', ...filters], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

/** Removes every container the engine made for this store. */
export function removeStoreContainers(storeId: string | undefined): void {
  if (storeId === undefined) return;
  const ids = storeContainers(storeId);
  if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
}

/** A fresh temp directory for SQL files. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-e2e-sql-'));
}

/** A random lowercase suffix that makes SQL content (and so every state id) new. */
export function unique(): string {
  return `u${Math.random().toString(36).slice(2, 10)}`;
}

/** A finished job: its persisted events (heartbeats dropped), status and tasks. */
export interface FinishedJob {
  status: PrepareJobStatus;
  events: PrepareJobEvent[];
  tasks: TaskEntry[];
}

/** Follows a job's events to the end, then reads its status and tasks. */
export async function waitForJob(client: SqlrsClient, jobId: string): Promise<FinishedJob> {
  const events: PrepareJobEvent[] = [];
  for await (const event of await client.prepareJobEvents(jobId)) if (event.heartbeat !== true) events.push(event);
  return { events, status: await client.getPrepareJob(jobId), tasks: await client.listTasks({ job: jobId }) };
}

/** Submits a prepare job and waits for it to end. */
export async function prepare(client: SqlrsClient, request: Omit<PrepareJobRequest, 'image_id' | 'prepare_kind'>): Promise<FinishedJob> {
  const accepted = await client.submitPrepareJob({ prepare_kind: 'psql', image_id: TEST_IMAGE, ...request } as PrepareJobRequest);
  return waitForJob(client, accepted.job_id);
}

/** The `psql:` log lines of a job. */
export function psqlLogs(job: FinishedJob): string[] {
  return job.events.filter((e) => e.type === 'log' && e.message?.startsWith('psql:')).map((e) => e.message as string);
}

/** `cached` of each state_execute task, in plan order. */
export function cachedFlags(job: FinishedJob): (boolean | null)[] {
  return job.tasks.filter((t) => t.type === 'state_execute').map((t) => t.cached);
}

/** `output_state_id` of each state_execute task, in plan order. */
export function stepStates(job: FinishedJob): string[] {
  return job.tasks.filter((t) => t.type === 'state_execute').map((t) => t.output_state_id as string);
}

/** The host psql client (on PATH unless `SQLRS_TEST_PSQL` names another). */
const PSQL = process.env.SQLRS_TEST_PSQL ?? 'psql';

/** Runs one statement with the psql client through `dsn`; resolves with trimmed unaligned output. */
export function psqlAt(dsn: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PSQL, [dsn, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`psql failed: ${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** A finished run: every event, the joined stdout/stderr and the terminal event. */
export interface FinishedRun {
  events: RunEvent[];
  stdout: string;
  stderr: string;
  last: RunEvent;
}

/** Runs a tool through `POST /v1/runs` and reads the stream to its end. */
export async function runTool(client: SqlrsClient, request: RunRequest): Promise<FinishedRun> {
  const events: RunEvent[] = [];
  for await (const event of await client.run(request)) events.push(event);
  const text = (type: 'stdout' | 'stderr'): string =>
    events.map((e) => (e.type === type ? e.data : '')).join('');
  return { events, stdout: text('stdout'), stderr: text('stderr'), last: events[events.length - 1] as RunEvent };
}
