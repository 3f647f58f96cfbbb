import { describe, expect, test } from 'vitest';
import { RunEvent, RunRequest, toErrorIssues } from '../src/index.js';
import { I, TS } from './fixtures.js';

function issuesOf(body: unknown) {
  const result = RunRequest.safeParse(body);
  return result.success ? [] : toErrorIssues(result.error);
}

describe('RunRequest', () => {
  test('accepts the §6 example and lowercases kind', () => {
    expect(RunRequest.parse({ instance_ref: 'dev', kind: 'PSQL', args: ['-c', 'select 1/0'] })).toEqual({
      instance_ref: 'dev',
      kind: 'psql',
      args: ['-c', 'select 1/0'],
    });
  });

  test('accepts psql steps and a timeout', () => {
    const body = { instance_ref: 'dev', kind: 'psql', steps: [{ args: ['-c', 'select 1'] }, { args: [], stdin: 'select 2' }], timeout_seconds: 60 };
    expect(RunRequest.parse(body)).toEqual(body);
  });

  test('names the shape errors of §6', () => {
    expect(issuesOf({ kind: 'psql' })).toEqual([{ path: 'instance_ref', message: 'instance_ref is required' }]);
    expect(issuesOf({ instance_ref: 'dev', kind: 'pg_dump' })).toEqual([{ path: 'kind', message: 'unknown run kind' }]);
    expect(issuesOf({ instance_ref: 'dev', kind: 'pgbench', steps: [{ args: [] }] })).toEqual([
      { path: 'steps', message: 'steps are only supported for run:psql' },
    ]);
    expect(issuesOf({ instance_ref: 'dev', kind: 'psql', args: ['-X'], stdin: 'x', steps: [{ args: [] }] })).toEqual([
      { path: 'args', message: 'steps cannot be combined with args' },
      { path: 'stdin', message: 'steps cannot be combined with stdin' },
    ]);
  });

  test('checks command, timeout, step count and unknown fields', () => {
    expect(
      issuesOf({
        instance_ref: 'dev',
        kind: 'psql',
        command: 'psql; rm -rf /',
        timeout_seconds: 0,
        steps: Array.from({ length: 257 }, () => ({ args: [] })),
        env: {},
      }),
    ).toEqual([
      { path: 'command', message: 'command must be 1-256 characters of A-Z, a-z, 0-9, ".", "_", "/" and "-"' },
      { path: 'steps', message: 'at most 256 steps are allowed' },
      { path: 'timeout_seconds', message: 'expected 1..86400 seconds' },
      { path: 'env', message: 'unknown field "env"' },
    ]);
    expect(issuesOf({ instance_ref: 'dev', kind: 'psql', steps: [{ args: ['a\u0000'], extra: 1 }] })).toEqual([
      { path: 'steps[0].args[0]', message: 'argument contains a NUL character' },
      { path: 'steps[0].extra', message: 'unknown field "extra"' },
    ]);
  });
});

describe('RunEvent', () => {
  test('accepts every event kind', () => {
    const events = [
      { type: 'log', ts: TS, data: 'instance stopped; restarting' },
      { type: 'start', ts: TS, instance_id: I, run_id: '5d0c' },
      { type: 'stderr', ts: TS, data: 'ERROR:  division by zero\n' },
      { type: 'stdout', ts: TS, data: '1\n', step: 0 },
      { type: 'exit', ts: TS, exit_code: 1 },
      { type: 'exit', ts: TS, exit_code: 3, step: 2 },
      { type: 'error', ts: TS, error: { code: 'cancelled', message: 'run timed out after 60s' } },
    ];
    expect(events.map((event) => RunEvent.parse(event))).toEqual(events);
  });

  test('rejects an unknown event type', () => {
    expect(RunEvent.safeParse({ type: 'exit_code', ts: TS }).success).toBe(false);
  });
});
