// GET /v1/prepare-jobs/{job_id}/events (api.md §4.9): Range, replay + follow, heartbeats, slots.
import { describe, expect, it, vi } from 'vitest';
import { id32 } from '@sqlrs/store/testing';
import { MAX_EVENT_STREAMS, MAX_EVENT_STREAMS_PER_JOB } from '../src/index.js';
import { harness } from './harness.js';
import type { HarnessOptions } from './harness.js';
import { NdjsonReader } from './ndjson-reader.js';
import { FakePrepare, TS } from './service-fakes.js';

const J1 = id32('b1');
const J2 = id32('b2');
const FRESH = Date.parse('2025-06-01T10:00:00.000Z');

function setup(extra: HarnessOptions = {}) {
  const prepare = new FakePrepare();
  prepare.addJob(J1, 3);
  prepare.addJob(J2, 19, { terminal: true });
  const h = harness({ prepare, heartbeatMs: () => 60_000, now: () => FRESH, ...extra });
  const open = (job: string, range?: string) =>
    h.request('GET', `/v1/prepare-jobs/${job}/events`, range === undefined ? {} : { headers: { Range: range } });
  return { prepare, h, open };
}

const seqs = (lines: Record<string, unknown>[]) => lines.map((l) => l.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function headersOf(res: Response): Record<string, string | null> {
  const names = ['content-type', 'cache-control', 'accept-ranges', 'content-range', 'retry-after'];
  return Object.fromEntries(names.map((n) => [n, res.headers.get(n)]));
}

describe('replay of a finished job', () => {
  it('answers 200 with every event and ends after the terminal ones', async () => {
    const { prepare, open } = setup();
    const res = await open(J2.toUpperCase());
    expect(res.status).toBe(200);
    expect(headersOf(res)).toEqual({
      'content-type': 'application/x-ndjson',
      'cache-control': 'no-store',
      'accept-ranges': 'events',
      'content-range': null,
      'retry-after': null,
    });
    const lines = await new NdjsonReader(res).rest();
    expect(lines).toEqual(prepare.jobs.get(J2)!.events);
    expect(lines.slice(-2)).toEqual([
      { seq: 17, type: 'status', ts: TS, status: 'failed' },
      { seq: 18, type: 'error', ts: TS, error: { code: 'cancelled', message: 'job cancelled' } },
    ]);
  });

  it('serves the examples of api.md §4.9: events=17- is 206 17-18/19, events=19- is 416', async () => {
    const { open } = setup();
    const tail = await open(J2, 'events=17-');
    expect(tail.status).toBe(206);
    expect(headersOf(tail)).toMatchObject({ 'accept-ranges': 'events', 'content-range': 'events 17-18/19' });
    expect(seqs(await new NdjsonReader(tail).rest())).toEqual([17, 18]);
    const past = await open(J2, 'events=19-');
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('events */19');
    expect(await past.json()).toEqual({ code: 'range_not_satisfiable', message: 'job has 19 events and is finished' });
  });

  it.each([
    ['events=3-5', 'events 3-5/19', range(3, 5)],
    ['events=10-40', 'events 10-18/19', range(10, 18)],
    ['EVENTS=0-0', 'events 0-0/19', [0]],
  ])('answers Range %s with 206 %s', async (header, contentRange, expected) => {
    const res = await setup().open(J2, header);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(contentRange);
    expect(seqs(await new NdjsonReader(res).rest())).toEqual(expected);
  });

  it('ignores other units and answers 200', async () => {
    const res = await setup().open(J2, 'bytes=0-10');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBeNull();
    expect(seqs(await new NdjsonReader(res).rest())).toEqual(range(0, 18));
  });

  it.each(['events=5-2', 'events=-3', 'events=1-2,4-5', 'events'])('answers a malformed Range %s with 416', async (header) => {
    const res = await setup().open(J2, header);
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('events */19');
    expect(await res.json()).toEqual({
      code: 'range_not_satisfiable',
      message: 'invalid Range header; use events=N- or events=N-M with M >= N',
    });
  });

  it('answers 404 job not found for unknown or malformed ids, and HEAD without a stream', async () => {
    const { prepare, open, h } = setup();
    for (const id of [id32('ff'), 'nope']) {
      const res = await open(id);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'not_found', message: 'job not found' });
    }
    const head = await h.request('HEAD', `/v1/prepare-jobs/${J1}/events`, { headers: { Range: 'events=1-' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe('events 1-*/3');
    expect(await head.text()).toBe('');
    expect(prepare.subscribers(J1)).toBe(0);
  });
});

describe('following a live job', () => {
  it('replays, follows without gaps or duplicates, and ends after the terminal events', async () => {
    const { prepare, open } = setup();
    // An event appended between subscribing and reading arrives both ways; it is sent once.
    prepare.beforeRead = () => {
      prepare.beforeRead = undefined;
      prepare.append(J1, { type: 'log', message: 'psql: raced' });
    };
    const reader = new NdjsonReader(await open(J1));
    expect(seqs([await reader.line(), await reader.line()])).toEqual([0, 1]);
    prepare.append(J1, { type: 'task', task_id: 'plan', status: 'running' });
    expect(seqs([await reader.line(), await reader.line(), await reader.line()])).toEqual([2, 3, 4]);
    expect(await reader.next(50)).toBe('timeout');
    prepare.append(J1, { type: 'log', message: 'psql: later' });
    prepare.fail(J1);
    expect(seqs(await reader.rest())).toEqual([5, 6, 7]);
    expect(prepare.subscribers(J1)).toBe(0);
    expect(reader.chunks.every((chunk) => chunk.indexOf('\n') === chunk.length - 1)).toBe(true);
  });

  it('fills a gap in the live feed from the persisted events', async () => {
    const { prepare, open } = setup();
    prepare.dropLive.add(4);
    const reader = new NdjsonReader(await open(J1));
    for (let i = 0; i < 3; i += 1) prepare.append(J1, { type: 'log', message: `psql: ${i}` });
    prepare.fail(J1);
    expect(seqs(await reader.rest())).toEqual(range(0, 7));
  });

  it('serves N == T on a live job as 206 and waits for the next event', async () => {
    const { prepare, open } = setup();
    const res = await open(J1, 'events=3-');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('events 3-*/3');
    const reader = new NdjsonReader(res);
    expect(await reader.next(50)).toBe('timeout');
    prepare.append(J1, { type: 'log', message: 'psql: next' });
    expect(await reader.line()).toEqual({ seq: 3, type: 'log', ts: TS, message: 'psql: next' });
    prepare.fail(J1);
    expect(seqs(await reader.rest())).toEqual([4, 5]);
  });

  it('answers N > T on a live job with 416 naming the count so far', async () => {
    const res = await setup().open(J1, 'events=4-');
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('events */3');
    expect(await res.json()).toEqual({ code: 'range_not_satisfiable', message: 'job has 3 events so far; start the range at 3 or below' });
  });

  it('ends a live N-M range after M, and names M in Content-Range when it is beyond T', async () => {
    const { prepare, open } = setup();
    const inside = await open(J1, 'events=0-1');
    expect(inside.headers.get('content-range')).toBe('events 0-1/3');
    expect(seqs(await new NdjsonReader(inside).rest())).toEqual([0, 1]);
    const beyond = await open(J1, 'events=1-4');
    expect(beyond.status).toBe(206);
    expect(beyond.headers.get('content-range')).toBe('events 1-4/*');
    const reader = new NdjsonReader(beyond);
    expect(seqs([await reader.line(), await reader.line()])).toEqual([1, 2]);
    for (let i = 0; i < 3; i += 1) prepare.append(J1, { type: 'log', message: `psql: ${i}` });
    expect(seqs(await reader.rest())).toEqual([3, 4]);
    expect(prepare.subscribers(J1)).toBe(0);
  });

  it('writes heartbeats (latest event, fresh ts, same seq) when idle; they are not counted', async () => {
    const { prepare, open } = setup({ heartbeatMs: () => 30 });
    const reader = new NdjsonReader(await open(J1));
    expect(seqs([await reader.line(), await reader.line(), await reader.line()])).toEqual([0, 1, 2]);
    const beat = { seq: 2, type: 'log', ts: new Date(FRESH).toISOString(), message: 'psql: line 2', heartbeat: true };
    expect(await reader.line()).toEqual(beat);
    expect(await reader.line()).toEqual(beat);
    prepare.append(J1, { type: 'log', message: 'psql: after' });
    expect(await reader.line()).toEqual({ seq: 3, type: 'log', ts: TS, message: 'psql: after' });
    prepare.fail(J1);
    const rest = await reader.rest();
    expect(seqs(rest.filter((l) => l.heartbeat === undefined))).toEqual([4, 5]);
  });

  it('follows the live events.heartbeatInterval config by default', async () => {
    const prepare = new FakePrepare();
    prepare.addJob(J1, 3);
    const h = harness({ prepare, now: () => FRESH });
    // 5 s instead of the 500 ms default: no heartbeat may arrive in the first 1.5 s. A slow machine
    // can only delay heartbeats, so this cannot fail for timing reasons.
    const set = await h.request('PATCH', '/v1/config', { body: JSON.stringify({ path: 'events.heartbeatInterval', value: '5s' }) });
    expect(set.status).toBe(200);
    const reader = new NdjsonReader(await h.request('GET', `/v1/prepare-jobs/${J1}/events`, { headers: { Range: 'events=3-' } }));
    expect(await reader.next(1500)).toBe('timeout');
    expect(await reader.line(10_000)).toMatchObject({ seq: 2, heartbeat: true });
    await reader.cancel();
  });

  it('sends a heartbeat before anything when N == T', async () => {
    const { open } = setup({ heartbeatMs: () => 20 });
    const reader = new NdjsonReader(await open(J1, 'events=3-'));
    expect(await reader.line()).toEqual({ seq: 2, type: 'log', ts: new Date(FRESH).toISOString(), message: 'psql: line 2', heartbeat: true });
    await reader.cancel();
  });

  it('ends when the job is deleted while followed', async () => {
    const { prepare, open } = setup();
    const reader = new NdjsonReader(await open(J1));
    expect(seqs([await reader.line(), await reader.line(), await reader.line()])).toEqual([0, 1, 2]);
    for (const s of [...prepare.jobs.get(J1)!.subscribers]) s.onEnd();
    expect(await reader.rest()).toEqual([]);
  });

  it('feeds many concurrent followers the same events', async () => {
    const { prepare, open } = setup();
    const readers = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS_PER_JOB }, async () => new NdjsonReader(await open(J1))));
    expect(prepare.subscribers(J1)).toBe(MAX_EVENT_STREAMS_PER_JOB);
    for (let i = 0; i < 20; i += 1) prepare.append(J1, { type: 'log', message: `psql: ${i}` });
    prepare.fail(J1);
    const all = await Promise.all(readers.map((r) => r.rest()));
    for (const lines of all) expect(seqs(lines)).toEqual(range(0, 24));
    expect(prepare.subscribers(J1)).toBe(0);
  });
});

describe('stream slots and activity', () => {
  it('refuses a 17th stream of one job and a 65th in total with 429; a disconnect frees the slot', async () => {
    const prepare = new FakePrepare();
    const jobs = Array.from({ length: 5 }, (_, i) => id32(`c${i}`));
    for (const job of jobs) prepare.addJob(job, 3);
    const h = harness({ prepare, heartbeatMs: () => 60_000 });
    const open = (job: string) => h.request('GET', `/v1/prepare-jobs/${job}/events`);
    const first = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS_PER_JOB }, () => open(jobs[0]!)));
    expect(first.map((r) => r.status)).toEqual(Array(MAX_EVENT_STREAMS_PER_JOB).fill(200));
    const perJob = await open(jobs[0]!);
    expect(perJob.status).toBe(429);
    expect(perJob.headers.get('retry-after')).toBe('1');
    expect(await perJob.json()).toEqual({ code: 'too_many_requests', message: '16 event streams are open for this job; close one or retry shortly' });
    expect(prepare.subscribers(jobs[0]!)).toBe(MAX_EVENT_STREAMS_PER_JOB);
    const others = [];
    for (const job of jobs.slice(1, 4)) for (let i = 0; i < MAX_EVENT_STREAMS_PER_JOB; i += 1) others.push(await open(job));
    expect(others.every((r) => r.status === 200)).toBe(true);
    const total = await open(jobs[4]!);
    expect(total.status).toBe(429);
    expect(await total.json()).toEqual({ code: 'too_many_requests', message: `${MAX_EVENT_STREAMS} event streams are open; close one or retry shortly` });
    await first[0]!.body!.cancel();
    await vi.waitFor(() => expect(prepare.subscribers(jobs[0]!)).toBe(MAX_EVENT_STREAMS_PER_JOB - 1));
    const again = await open(jobs[4]!);
    expect(again.status).toBe(200);
    await Promise.all([...first.slice(1), ...others, again].map((r) => r.body!.cancel()));
    await vi.waitFor(() => expect(jobs.map((j) => prepare.subscribers(j))).toEqual([0, 0, 0, 0, 0]));
  });

  it('counts an open stream as activity until it ends', async () => {
    let open = 0;
    const activity = {
      begin: () => {
        open += 1;
        return () => {
          open -= 1;
        };
      },
    };
    const { prepare, open: request } = setup({ activity });
    const reader = new NdjsonReader(await request(J1));
    expect(open).toBe(1);
    await reader.line();
    prepare.fail(J1);
    await reader.rest();
    await vi.waitFor(() => expect(open).toBe(0));
  });
});
