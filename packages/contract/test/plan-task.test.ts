import { expect, test } from 'vitest';
import { PlanTask, TaskInput, toErrorIssues } from '../src/index.js';
import { planTasks } from './fixtures.js';

test('accepts every task kind of the §4.6 example', () => {
  expect(planTasks.map((task) => PlanTask.parse(task))).toEqual(planTasks);
});

test('a plan_only prepare_instance task has a null instance_id', () => {
  const task = { ...planTasks[4], instance_id: null };
  expect(PlanTask.parse(task)).toEqual(task);
});

test('rejects a task missing the fields of its type', () => {
  const result = PlanTask.safeParse({ task_id: 'execute-0', type: 'state_execute', status: 'queued' });
  expect(result.success ? [] : toErrorIssues(result.error).map((issue) => issue.path)).toEqual([
    'input',
    'task_hash',
    'output_state_id',
    'cached',
    'args_summary',
    'changeset_id',
    'changeset_author',
    'changeset_path',
  ]);
});

test('TaskInput is an image or a state', () => {
  expect(TaskInput.safeParse({ kind: 'instance', id: 'x' }).success).toBe(false);
});
