import { PrepareJobEvent } from '@sqlrs/contract';
import type { PrepareJobEvent as PrepareJobEventType } from '@sqlrs/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream } from '../src/event-stream.js';
import type { EventStream } from '../src/event-stream.js';
import { HttpTransport } from '../src/http-transport.js';
import { caught } from './caught.js';
import { deferred, sendJson, startFakeEngine } from './fake-engine.js';
import type { FakeEngine, FakeHandler } from './fake-engine.js';
import { TOKEN, jobEvents } from './fixtures.js';

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
const item = { schema: PrepareJobEvent, what: 'PrepareJobEvent' };

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function open(handler: FakeHandler, timeoutMs?: number): Promise<EventStream<PrepareJobEventType>> {
  fake = await startFakeEngine(handler);
  const transport = new HttpTransport({ endpoint: fake.endpoint, token: TOKEN, timeoutMs });
  return openEventStream(transport, { method: 'GET', path: '/v1/prepare-jobs/j/events' }, item);
}

describe('openEventStream', () => {
  it('yields an event before the engine ends the response', async () => {
    const firstSeen = deferred<'client saw the first event'>();
    const stream = await open(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(line(jobEvents[0]));
      const outcome = await Promise.race([
        firstSeen.promise,
        new Promise<string>((resolve) => setTimeout(() => resolve('client waited for the whole body'), 2000)),
      ]);
      res.end(line({ ...jobEvents[1], message: outcome }));
    });
    const seen: unknown[] = [];
    for await (const event of stream) {
      seen.push(event);
      firstSeen.resolve('client saw the first event');
    }
    expect(seen).toEqual([jobEvents[0], { ...jobEvents[1], message: 'client saw the first event' }]);
    expect(fake?.requests[0]?.headers.accept).toBe('application/x-ndjson');
  });

  it('keeps a stream open longer than timeoutMs once the headers arrived', async () => {
    const stream = await open((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(line(jobEvents[0]));
      setTimeout(() => res.end(line(jobEvents[1])), 150);
    }, 50);
    const seen: unknown[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual([jobEvents[0], jobEvents[1]]);
  });

  it('exposes the status and Content-Range of a partial answer', async () => {
    const stream = await open((_req, res) => {
      res.writeHead(206, { 'content-type': 'application/x-ndjson', 'content-range': 'events 4-4/5' });
      res.end(line(jobEvents[5]));
    });
    const seen: unknown[] = [];
    for await (const event of stream) seen.push(event);
    expect({ status: stream.status, contentRange: stream.contentRange, seen }).toEqual({
      status: 206,
      contentRange: 'events 4-4/5',
      seen: [jobEvents[5]],
    });
  });

  it('throws an error answer before any event is read', async () => {
    const body = { code: 'range_not_satisfiable', message: 'job has 5 events and is finished' };
    const error = await caught(open((_req, res) => sendJson(res, 416, body, { 'content-range': 'events */5' })));
    expect(error).toEqual({ ...body, details: undefined, issues: undefined, data: { status: 416, body } });
  });

  it('fails on an event that does not match the contract', async () => {
    const bad = { seq: 1, type: 'progress', ts: '2025-06-01T09:30:00.125Z' };
    const stream = await open((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(line(jobEvents[0]) + line(bad));
    });
    const seen: unknown[] = [];
    const read = async (): Promise<void> => {
      for await (const event of stream) seen.push(event);
    };
    expect(await caught(read())).toEqual({
      code: 'internal_error',
      message:
        "the engine's answer to GET /v1/prepare-jobs/j/events is not a valid PrepareJobEvent; use a client and engine of the same sqlrs version",
      details: 'type: Invalid option: expected one of "status"|"task"|"log"|"result"|"error"',
      issues: [{ path: 'type', message: 'Invalid option: expected one of "status"|"task"|"log"|"result"|"error"' }],
      data: { status: 200, body: bad },
    });
    expect(seen).toEqual([jobEvents[0]]);
  });

  it('ends quietly after close() and the engine sees the disconnect', async () => {
    const disconnected = deferred();
    const stream = await open((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(line(jobEvents[0]));
      res.on('close', () => disconnected.resolve());
    });
    const seen: unknown[] = [];
    for await (const event of stream) {
      seen.push(event);
      stream.close();
    }
    await disconnected.promise;
    expect(seen).toEqual([jobEvents[0]]);
  });
});
