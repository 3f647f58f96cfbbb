import { expect, test } from 'vitest';
import { ShutdownAccepted, ShutdownRequest, toErrorIssues } from '../src/index.js';

test('ShutdownRequest accepts the §3.2 example and an empty body', () => {
  expect(ShutdownRequest.parse({ drain: true, timeout_seconds: 60 })).toEqual({ drain: true, timeout_seconds: 60 });
  expect(ShutdownRequest.parse({})).toEqual({});
});

test('ShutdownRequest bounds timeout_seconds to 0..3600 and rejects unknown fields', () => {
  const result = ShutdownRequest.safeParse({ timeout_seconds: 3601, force: true });
  expect(result.success ? [] : toErrorIssues(result.error)).toEqual([
    { path: 'timeout_seconds', message: 'expected 0..3600 seconds' },
    { path: 'force', message: 'unknown field "force"' },
  ]);
  expect(ShutdownRequest.parse({ timeout_seconds: 0 })).toEqual({ timeout_seconds: 0 });
});

test('ShutdownAccepted accepts the §3.2 answer', () => {
  const body = { status: 'shutting_down', drain: true, deadline_at: '2025-06-01T10:01:00.000Z', running_jobs: 1, active_runs: 0, open_streams: 2 };
  expect(ShutdownAccepted.parse(body)).toEqual(body);
});
