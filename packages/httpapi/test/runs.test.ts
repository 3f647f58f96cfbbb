// POST /v1/runs (api.md §6) over a fake RunService: HTTP errors before the stream, live NDJSON after.
import { describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { id32 } from '@sqlrs/store/testing';
import { harness } from './harness.js';
import { NdjsonReader } from './ndjson-reader.js';
import { FakeRuns, TS } from './service-fakes.js';

const I1 = id32('d1');
const BODY = JSON.stringify({ instance_ref: 'dev', kind: 'psql', args: ['-c', 'select 1/0'] });

/** A promise a test resolves by hand, to hold a fake run between two events. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('POST /v1/runs', () => {
  it('streams each event as produced, in order, as NDJSON', async () => {
    const runs = new FakeRuns();
    const [afterStart, afterStderr] = [gate(), gate()];
    runs.script = async (sink) => {
      sink({ type: 'start', ts: TS, instance_id: I1, run_id: 'r1' });
      await afterStart.wait;
      sink({ type: 'stderr', ts: TS, data: 'ERROR:  division by zero\n' });
      sink({ type: 'stdout', ts: TS, data: 'out\n' });
      await afterStderr.wait;
      sink({ type: 'exit', ts: TS, exit_code: 1 });
    };
    const res = await harness({ runs }).request('POST', '/v1/runs', { body: BODY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = new NdjsonReader(res);
    expect(await reader.line()).toEqual({ type: 'start', ts: TS, instance_id: I1, run_id: 'r1' });
    expect(await reader.next(50)).toBe('timeout');
    afterStart.open();
    expect(await reader.line()).toEqual({ type: 'stderr', ts: TS, data: 'ERROR:  division by zero\n' });
    expect(await reader.line()).toEqual({ type: 'stdout', ts: TS, data: 'out\n' });
    afterStderr.open();
    expect(await reader.rest()).toEqual([{ type: 'exit', ts: TS, exit_code: 1 }]);
    expect(reader.chunks.every((chunk) => chunk.indexOf('\n') === chunk.length - 1)).toBe(true);
    expect(runs.requests).toEqual([JSON.parse(BODY)]);
  });

  it('answers errors of prepare as ordinary HTTP errors', async () => {
    const runs = new FakeRuns();
    runs.error = new SqlrsError('too_many_requests', '8 runs are active; retry when one ends');
    const res = await harness({ runs }).request('POST', '/v1/runs', { body: BODY });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ code: 'too_many_requests', message: '8 runs are active; retry when one ends' });
    runs.error = new SqlrsError('not_found', 'instance not found');
    expect((await harness({ runs }).request('POST', '/v1/runs', { body: BODY })).status).toBe(404);
  });

  it('validates the body before the service sees it', async () => {
    const runs = new FakeRuns();
    const res = await harness({ runs }).request('POST', '/v1/runs', { body: JSON.stringify({ instance_ref: 'dev', kind: 'psql', steps: [{ args: [] }], args: ['-c', 'x'] }) });
    expect(res.status).toBe(400);
    expect(runs.requests).toEqual([]);
  });

  it('aborts the run signal when the client disconnects, and ends the activity', async () => {
    const runs = new FakeRuns();
    let open = 0;
    const activity = {
      begin: () => {
        open += 1;
        return () => {
          open -= 1;
        };
      },
    };
    let aborted: () => void = () => undefined;
    const abortSeen = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    runs.script = async (sink, signal) => {
      sink({ type: 'start', ts: TS, instance_id: I1, run_id: 'r2' });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      aborted();
      sink({ type: 'error', ts: TS, error: { code: 'cancelled', message: 'client went away' } });
    };
    const reader = new NdjsonReader(await harness({ runs, activity }).request('POST', '/v1/runs', { body: BODY }));
    expect(await reader.line()).toEqual({ type: 'start', ts: TS, instance_id: I1, run_id: 'r2' });
    expect(open).toBe(1);
    await reader.cancel();
    await abortSeen;
    await vi.waitFor(() => expect(open).toBe(0));
  });

  it('turns a run that throws into a terminal error event', async () => {
    const runs = new FakeRuns();
    runs.script = async (sink: (e: RunEvent) => void) => {
      sink({ type: 'start', ts: TS, instance_id: I1, run_id: 'r3' });
      throw new Error('socket closed');
    };
    const res = await harness({ runs, now: () => Date.parse(TS) }).request('POST', '/v1/runs', { body: BODY });
    expect(await new NdjsonReader(res).rest()).toEqual([
      { type: 'start', ts: TS, instance_id: I1, run_id: 'r3' },
      { type: 'error', ts: TS, error: { code: 'internal_error', message: 'internal error', details: 'socket closed' } },
    ]);
  });
});
