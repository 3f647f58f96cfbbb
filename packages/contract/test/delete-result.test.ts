import { expect, test } from 'vitest';
import { DeleteResult, toErrorIssues } from '../src/index.js';
import { I, J, S1, S2 } from './fixtures.js';

test('accepts the recursive §5.8 examples', () => {
  const tree = {
    dry_run: true,
    outcome: 'blocked',
    root: {
      kind: 'state',
      id: S1,
      connections: null,
      runtime_id: null,
      blocked: 'blocked_by_descendant',
      children: [
        {
          kind: 'state',
          id: S2,
          connections: null,
          runtime_id: null,
          blocked: 'blocked_by_descendant',
          children: [{ kind: 'instance', id: I, connections: 2, runtime_id: 'e3f1', blocked: 'active_connections', children: [] }],
        },
      ],
    },
  };
  const job = {
    dry_run: false,
    outcome: 'blocked',
    root: { kind: 'job', id: J, connections: null, runtime_id: null, blocked: 'active_tasks', children: [] },
  };
  expect(DeleteResult.parse(tree)).toEqual(tree);
  expect(DeleteResult.parse(job)).toEqual(job);
});

test('reports problems deep in the tree by path', () => {
  const result = DeleteResult.safeParse({
    dry_run: false,
    outcome: 'deleted',
    root: {
      kind: 'state',
      id: S1,
      connections: null,
      runtime_id: null,
      blocked: null,
      children: [{ kind: 'name', id: 'x', connections: null, runtime_id: null, blocked: null, children: [] }],
    },
  });
  expect(result.success ? [] : toErrorIssues(result.error).map((issue) => issue.path)).toEqual(['root.children[0].kind']);
});
