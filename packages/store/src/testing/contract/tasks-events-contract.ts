import { describe, expect, it } from 'vitest';
import type { NewTask } from '../../tasks.js';
import type { CurrentStore } from '../describe-store-contract.js';
import { IMAGE_KEY, errorOf, fixtureJob, id32, id64, T0 } from '../fixtures.js';

const J1 = id32('01');
const J2 = id32('02');

/** A task with every optional field empty. */
function task(taskId: string, position: number, overrides: Partial<NewTask> = {}): NewTask {
  return {
    taskId,
    position,
    type: 'state_execute',
    status: 'queued',
    inputKind: null,
    inputId: null,
    taskHash: null,
    outputStateId: null,
    cached: null,
    argsSummary: null,
    stepJson: null,
    instanceId: null,
    startedAt: null,
    finishedAt: null,
    errorJson: null,
    ...overrides,
  };
}

/** A plan of four tasks. */
function plan(): NewTask[] {
  return [
    task('plan', 0, { type: 'plan', status: 'succeeded' }),
    task('execute-0', 1, { inputKind: 'image', inputId: IMAGE_KEY, taskHash: 'h'.repeat(64), outputStateId: id64('a1'), cached: true, argsSummary: '-f /w/schema.sql' }),
    task('execute-1', 2, { inputKind: 'state', inputId: id64('a1'), taskHash: 'i'.repeat(64), outputStateId: id64('a2'), cached: false, argsSummary: '-c select 1' }),
    task('prepare-instance', 3, { type: 'prepare_instance', inputKind: 'state', inputId: id64('a2') }),
  ];
}

/** Tasks (plans) and events (per-job contiguous seq). */
export function tasksEventsContract(store: CurrentStore): void {
  describe('tasks', () => {
    it('writes a plan and reads it back in position order', () => {
      store().insertJob(fixtureJob(J1));
      const expected = plan().map((t) => ({ ...t, jobId: J1 }));
      expect(store().replaceJobTasks(J1, [...plan()].reverse())).toEqual(expected);
      expect(store().listTasks({ jobId: J1 })).toEqual(expected);
    });

    it('replaces the whole plan, and keeps the old one when the new one is refused', () => {
      store().insertJob(fixtureJob(J1));
      store().replaceJobTasks(J1, plan());
      const shorter = [task('plan', 0, { type: 'plan' }), task('prepare-instance', 1, { type: 'prepare_instance' })];
      expect(store().replaceJobTasks(J1, shorter)).toEqual(shorter.map((t) => ({ ...t, jobId: J1 })));
      expect(errorOf(() => store().replaceJobTasks(J1, [task('a', 0), task('a', 1)]))).toEqual({ code: 'conflict', message: 'task already exists', details: 'a' });
      expect(errorOf(() => store().replaceJobTasks(J1, [task('a', 0), task('b', 0)]))).toEqual({ code: 'conflict', message: 'task position is already taken', details: '0' });
      expect(store().listTasks({ jobId: J1 }).map((t) => t.taskId)).toEqual(['plan', 'prepare-instance']);
      expect(errorOf(() => store().replaceJobTasks(J2, plan()))).toEqual({ code: 'not_found', message: 'job not found', details: J2 });
    });

    it('updates one task', () => {
      store().insertJob(fixtureJob(J1));
      store().replaceJobTasks(J1, plan());
      const updated = store().updateTask(J1, 'execute-1', { status: 'failed', startedAt: T0, finishedAt: T0 + 1, errorJson: '{"code":"internal_error"}', cached: undefined });
      expect(updated).toEqual({ ...plan()[2], jobId: J1, status: 'failed', startedAt: T0, finishedAt: T0 + 1, errorJson: '{"code":"internal_error"}' });
      expect(store().listTasks({ jobId: J1 })[2]).toEqual(updated);
      expect(errorOf(() => store().updateTask(J1, 'execute-9', { status: 'running' }))).toEqual({ code: 'not_found', message: 'task not found', details: `${J1}/execute-9` });
    });

    it('lists tasks of every job by job creation time, then position', () => {
      store().insertJob(fixtureJob(J1, { createdAt: T0 + 10 }));
      store().insertJob(fixtureJob(J2, { createdAt: T0 }));
      store().replaceJobTasks(J1, plan().slice(0, 2));
      store().replaceJobTasks(J2, plan().slice(0, 2));
      expect(store().listTasks().map((t) => [t.jobId, t.taskId])).toEqual([
        [J2, 'plan'],
        [J2, 'execute-0'],
        [J1, 'plan'],
        [J1, 'execute-0'],
      ]);
      expect(store().listTasks({ jobId: id32('ff') })).toEqual([]);
    });
  });

  describe('job events', () => {
    it('numbers events per job from 0 without gaps across calls', () => {
      store().insertJob(fixtureJob(J1));
      store().insertJob(fixtureJob(J2));
      const first = store().appendJobEvents(J1, [{ ts: T0, type: 'status', status: 'queued' }]);
      store().appendJobEvents(J2, [{ ts: T0, type: 'status', status: 'queued' }]);
      const next = store().appendJobEvents(J1, [
        { ts: T0 + 1, type: 'task', status: 'running', taskId: 'plan' },
        { ts: T0 + 2, type: 'log', taskId: 'plan', message: 'psql: NOTICE ok' },
        { ts: T0 + 3, type: 'error', status: 'failed', errorJson: '{"code":"cancelled"}' },
      ]);
      expect(first).toEqual([{ jobId: J1, seq: 0, ts: T0, type: 'status', status: 'queued', taskId: null, message: null, resultJson: null, errorJson: null }]);
      expect(next.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(store().listJobEvents(J1)).toEqual([...first, ...next]);
      expect(store().listJobEvents(J2).map((e) => e.seq)).toEqual([0]);
    });

    it('reads from a seq, at most a limit, and counts events by type', () => {
      store().insertJob(fixtureJob(J1));
      store().appendJobEvents(J1, Array.from({ length: 5 }, (_, i) => ({ ts: T0 + i, type: i === 0 ? ('status' as const) : ('log' as const), message: `line ${i}` })));
      expect(store().listJobEvents(J1, { fromSeq: 2 }).map((e) => e.seq)).toEqual([2, 3, 4]);
      expect(store().listJobEvents(J1, { fromSeq: 1, limit: 2 }).map((e) => e.message)).toEqual(['line 1', 'line 2']);
      expect(store().listJobEvents(J1, { fromSeq: 9 })).toEqual([]);
      expect(store().countJobEvents(J1)).toBe(5);
      expect(store().countJobEvents(J1, 'log')).toBe(4);
      expect(store().countJobEvents(J2)).toBe(0);
    });

    it('refuses events of an unknown job', () => {
      expect(errorOf(() => store().appendJobEvents(J1, [{ ts: T0, type: 'status' }]))).toEqual({ code: 'not_found', message: 'job not found', details: J1 });
    });
  });
}
