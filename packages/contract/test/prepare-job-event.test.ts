import { expect, test } from 'vitest';
import { PrepareJobEvent } from '../src/index.js';
import { TS, jobResult } from './fixtures.js';

test('accepts every line of the §4.9 example', () => {
  const lines = [
    { seq: 0, type: 'status', ts: TS, status: 'queued' },
    { seq: 1, type: 'status', ts: TS, status: 'running' },
    { seq: 2, type: 'task', ts: TS, task_id: 'plan', status: 'running' },
    { seq: 10, type: 'log', ts: TS, message: 'psql: INSERT 0 1' },
    { seq: 10, type: 'log', ts: TS, message: 'psql: INSERT 0 1', heartbeat: true },
    { seq: 17, type: 'status', ts: TS, status: 'succeeded' },
    { seq: 18, type: 'result', ts: TS, result: jobResult },
    {
      seq: 19,
      type: 'task',
      ts: TS,
      task_id: 'execute-0',
      status: 'failed',
      message: 'psql failed',
      error: { code: 'internal_error', message: 'psql failed' },
    },
    { seq: 20, type: 'error', ts: TS, error: { code: 'interrupted', message: 'engine stopped while the job ran' } },
  ];
  expect(lines.map((line) => PrepareJobEvent.parse(line))).toEqual(lines);
});

test('heartbeat is only ever true, seq a non-negative integer', () => {
  expect(PrepareJobEvent.safeParse({ seq: 1, type: 'log', ts: TS, heartbeat: false }).success).toBe(false);
  expect(PrepareJobEvent.safeParse({ seq: -1, type: 'log', ts: TS }).success).toBe(false);
});
