import { describe, expect, it } from 'vitest';
import type { PlanTask, PrepareJobEvent } from '@sqlrs/contract';
import { LiveView } from '../src/progress/live-view.js';
import { PlainView } from '../src/progress/plain-view.js';

const TS = '2026-06-01T09:30:00.125Z';
const task = (seq: number, task_id: string, status: 'running' | 'succeeded' | 'failed'): PrepareJobEvent => ({ seq, type: 'task', ts: TS, task_id, status });
const plan: PlanTask[] = [
  { task_id: 'plan', type: 'plan', status: 'succeeded', planner_kind: 'psql' },
  { task_id: 'execute-0', type: 'state_execute', status: 'succeeded', input: { kind: 'image', id: 'i' }, task_hash: 'h', output_state_id: 's', cached: true, args_summary: '-f /a.sql', changeset_id: null, changeset_author: null, changeset_path: null },
  { task_id: 'execute-1', type: 'state_execute', status: 'queued', input: { kind: 'state', id: 's' }, task_hash: 'h', output_state_id: 't', cached: false, args_summary: '-c select 1', changeset_id: null, changeset_author: null, changeset_path: null },
];

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('PlainView', () => {
  it('writes one line per change, marking cache hits and timing executed steps', () => {
    const c = clock();
    let out = '';
    const view = new PlainView((t) => (out += t), c.now);
    view.event({ seq: 1, type: 'status', ts: TS, status: 'running' });
    view.event(task(2, 'execute-0', 'succeeded'));
    view.event(task(3, 'execute-1', 'running'));
    c.advance(1500);
    view.event(task(4, 'execute-1', 'failed'));
    expect(out).toBe('sqlrs: job running\nsqlrs: execute-0 succeeded (cached)\nsqlrs: execute-1 running\nsqlrs: execute-1 failed in 1.5s\n');
  });
});

describe('LiveView', () => {
  it('redraws the step list in place with markers and elapsed times', () => {
    const c = clock();
    let out = '';
    const view = new LiveView({ write: (t) => (out += t), isTTY: true, columns: 100 }, 'job 9f2c', c.now);
    view.event({ seq: 1, type: 'status', ts: TS, status: 'running' });
    view.plan(plan);
    view.event(task(3, 'execute-1', 'running'));
    c.advance(2300);
    out = '';
    view.close();
    const screen = out.replace(/\x1b\[\d*A/g, '').replace(/\r\x1b\[2K/g, '');
    expect(screen.split('\n')).toEqual([
      'job 9f2c  running  2.3s',
      '  ✓ plan              done             plan (psql)',
      '  = execute-0         cached           -f /a.sql',
      expect.stringMatching(/^ {2}\S execute-1 {9}running {4}2\.3s {2}-c select 1$/),
      '',
    ]);
    expect(out.startsWith('\x1b[4A')).toBe(true);
  });
});
