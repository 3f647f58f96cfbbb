import { describe, expect, it } from 'vitest';
import type { PrepareJobEvent } from '@sqlrs/contract';
import { MAX_LOG_EVENTS, MAX_LOG_MESSAGE_BYTES } from '../src/index.js';
import { createMemoryStore, fixtureJob } from '@sqlrs/store/testing';
import { JobEventLog, boundLogMessage } from '../src/job-event-log.js';
import { NOW_ISO, harness, psqlRequest, settled } from './helpers/service-harness.js';

describe('job events', () => {
  it('cuts a message to 8 KiB ending with …[truncated]', () => {
    expect(boundLogMessage('short')).toBe('short');
    const cut = boundLogMessage('é'.repeat(10_000));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MAX_LOG_MESSAGE_BYTES);
    expect(cut.endsWith('é…[truncated]')).toBe(true);
  });

  it('streams live events in seq order after read, then ends after the terminal events', async () => {
    const h = await harness();
    const { job_id: id } = await h.service.submit(psqlRequest(['-c', 'select 1']));
    const seen: PrepareJobEvent[] = [];
    const replay = h.service.events.read(id, 0);
    const ended = new Promise<void>((resolve) => h.service.events.subscribe(id, (e) => seen.push(e), resolve));
    await ended;
    const all = h.service.events.read(id, 0);
    expect(all?.terminal).toBe(true);
    expect(replay?.events[0]).toEqual({ seq: 0, type: 'status', ts: NOW_ISO, status: 'queued' });
    expect(replay?.terminal).toBe(false);
    expect([...(replay?.events ?? []), ...seen]).toEqual(all?.events);
    expect(all?.events.map((e) => e.seq)).toEqual([...Array(all?.total).keys()]);
    expect(h.service.events.read(id, all?.total ?? 0)).toEqual({ events: [], total: all?.total, terminal: true });
    expect(h.service.events.read('f'.repeat(32), 0)).toBeUndefined();
  });

  it('persists at most maxLogEvents log lines per job, then one truncation line', () => {
    const store = createMemoryStore();
    store.insertJob(fixtureJob('a'.repeat(32)));
    const log = new JobEventLog(store, () => 5, () => {
      throw new Error('no results here');
    }, 3);
    for (let i = 0; i < 5; i += 1) log.log('a'.repeat(32), `psql: line ${i}`);
    log.flushTruncation('a'.repeat(32));
    expect(store.listJobEvents('a'.repeat(32)).map((e) => [e.seq, e.type, e.message])).toEqual([
      [0, 'log', 'psql: line 0'],
      [1, 'log', 'psql: line 1'],
      [2, 'log', 'psql: line 2'],
      [3, 'log', 'output truncated: 2 lines dropped'],
    ]);
    expect(MAX_LOG_EVENTS).toBe(50_000);
  });
});
