import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@sqlrs/store/testing';
import { initSpecHash, psqlTaskHash, stateId } from '../src/cache-keys.js';
import type { PsqlSource } from '../src/content-hash.js';
import { type PsqlPlan, type PsqlPlanRequest, planPsql } from '../src/psql-plan.js';
import { tempTree } from './helpers/temp-tree.js';

const IMAGE = `docker:sha256:${'ab'.repeat(32)}`;
const INIT = initSpecHash({ locale: 'C.UTF-8', hba: 'local all all trust\n' });
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function request(steps: PsqlSource[], extra: Partial<PsqlPlanRequest> = {}): PsqlPlanRequest {
  return {
    steps,
    variables: new Map(),
    singleTransaction: false,
    singleLine: false,
    imageKey: IMAGE,
    initSpecHash: INIT,
    buildConf: '',
    ...extra,
  };
}

const stateIds = (plan: PsqlPlan): string[] => plan.steps.map((step) => step.outputStateId);

const FILES = {
  'schema.sql': 'create table t (id int, name text);\n\\ir views.sql\n',
  'views.sql': 'create view v as select * from t;\n',
  'data.sql': "\\copy t from 'data.csv' with csv\n",
  'data.csv': '1,one\n',
  'extra.sql': 'create index on t (name);\n',
};
const entry = (name: keyof typeof FILES): { sha256: string; size: number } => ({
  sha256: sha(FILES[name]),
  size: Buffer.byteLength(FILES[name]),
});
const fileSteps = (root: string): PsqlSource[] =>
  ['schema.sql', 'data.sql', 'extra.sql'].map((name) => ({ kind: 'file', path: join(root, name) }));

describe('planPsql', () => {
  it('plans a request without inputs as one empty step on the image', async () => {
    const taskHash = psqlTaskHash({
      initSpecHash: INIT,
      buildConf: '',
      sourceKind: 'empty',
      contentHash: '',
      singleTransaction: false,
      singleLine: false,
      variables: new Map(),
    });
    expect(await planPsql(request([]))).toEqual({
      cwd: null,
      steps: [
        {
          taskHash,
          outputStateId: stateId({ inputKind: 'image', inputId: IMAGE, taskHash }),
          inputKind: 'image',
          inputId: IMAGE,
          argsSummary: '(empty)',
          sourceKind: 'empty',
          contentHash: '',
          closure: [],
        },
      ],
    });
  });

  it('chains one step per input, each starting from the previous state, with its own closure', async () => {
    const root = await tempTree(FILES);
    const steps: PsqlSource[] = [
      { kind: 'file', path: join(root, 'schema.sql') },
      { kind: 'command', sql: 'insert into t\n  values (2,   \'two\')' },
      { kind: 'stdin', text: '\\ir data.sql\n' },
    ];
    const plan = await planPsql(request(steps, { singleTransaction: true }));
    expect(plan.cwd).toBe(root);
    expect(plan.steps.map(({ taskHash: _t, outputStateId: _o, contentHash: _c, ...rest }) => rest)).toEqual([
      {
        inputKind: 'image',
        inputId: IMAGE,
        argsSummary: `-f ${join(root, 'schema.sql')}`,
        sourceKind: 'script',
        closure: [
          { kind: 'script', path: join(root, 'schema.sql'), ...entry('schema.sql') },
          { kind: 'script', path: join(root, 'views.sql'), ...entry('views.sql') },
        ],
      },
      { inputKind: 'state', inputId: stateIds(plan)[0], argsSummary: "-c insert into t values (2, 'two')", sourceKind: 'command', closure: [] },
      {
        inputKind: 'state',
        inputId: stateIds(plan)[1],
        argsSummary: '-f -',
        sourceKind: 'script',
        closure: [
          { kind: 'script', path: join(root, 'data.sql'), ...entry('data.sql') },
          { kind: 'copy_data', path: join(root, 'data.csv'), ...entry('data.csv') },
        ],
      },
    ]);
    for (const [k, step] of plan.steps.entries()) {
      const taskHash = psqlTaskHash({
        initSpecHash: INIT,
        buildConf: '',
        sourceKind: step.sourceKind,
        contentHash: step.contentHash,
        singleTransaction: true,
        singleLine: false,
        variables: new Map(),
      });
      expect(step.taskHash).toBe(taskHash);
      expect(step.outputStateId).toBe(stateId({ inputKind: k === 0 ? 'image' : 'state', inputId: step.inputId, taskHash }));
    }
  });

  it('shortens a long -c summary to 200 characters', async () => {
    const plan = await planPsql(request([{ kind: 'command', sql: `select '${'x'.repeat(300)}'` }]));
    expect(plan.steps[0]?.argsSummary).toBe(`-c select '${'x'.repeat(188)}…`);
  });

  it('keeps file paths out of the keys: the same content at two paths gives the same state ids', async () => {
    const one = await planPsql(request(fileSteps(await tempTree(FILES))));
    const two = await planPsql(request(fileSteps(await tempTree(FILES))));
    expect(stateIds(two)).toEqual(stateIds(one));
  });

  it('re-keys a changed file and every step after it, not the ones before', async () => {
    const root = await tempTree(FILES);
    const before = stateIds(await planPsql(request(fileSteps(root))));
    await writeFile(join(root, 'data.csv'), '1,uno\n');
    const after = stateIds(await planPsql(request(fileSteps(root))));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
  });

  it('re-keys every step when an included file changes under the first one', async () => {
    const root = await tempTree(FILES);
    const before = stateIds(await planPsql(request(fileSteps(root))));
    await writeFile(join(root, 'views.sql'), 'create view v as select id from t;\n');
    const after = stateIds(await planPsql(request(fileSteps(root))));
    expect(after.map((id, k) => id === before[k])).toEqual([false, false, false]);
  });

  it('re-keys on variables and -1, but not on variable order or the enforced ON_ERROR_STOP', async () => {
    const root = await tempTree(FILES);
    const plan = async (extra: Partial<PsqlPlanRequest>): Promise<string[]> => stateIds(await planPsql(request(fileSteps(root), extra)));
    const reference = await plan({ variables: new Map([['a', '1'], ['b', '2']]) });
    expect(await plan({ variables: { b: '2', a: '1', ON_ERROR_STOP: '1' } })).toEqual(reference);
    expect((await plan({ variables: new Map([['a', '1'], ['b', '3']]) }))[0]).not.toBe(reference[0]);
    expect((await plan({ variables: new Map([['a', '1'], ['b', '2']]), singleTransaction: true }))[0]).not.toBe(reference[0]);
  });

  it('memoises the hashes of every file it reads', async () => {
    const root = await tempTree(FILES);
    const memo = createMemoryStore();
    await planPsql(request(fileSteps(root)), { memo, now: () => 42 });
    expect(['schema.sql', 'views.sql', 'data.sql', 'data.csv', 'extra.sql'].map((name) => memo.getFileHashMemo(join(root, name))?.sha256)).toEqual(
      ['schema.sql', 'views.sql', 'data.sql', 'data.csv', 'extra.sql'].map((name) => sha(FILES[name as keyof typeof FILES])),
    );
  });
});
