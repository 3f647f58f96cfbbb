import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { planPsql } from '../src/psql-plan.js';
import type { ClosureEntry } from '../src/include-closure.js';
import { verifyClosure } from '../src/verify-closure.js';
import { tempTree } from './helpers/temp-tree.js';

const changed = (details: string): SqlrsError =>
  new SqlrsError('invalid_argument', 'inputs changed after submit; resubmit once the input files stop changing', { details });

async function planned(): Promise<{ root: string; closure: ClosureEntry[] }> {
  const root = await tempTree({
    'main.sql': "\\ir inc.sql\n\\copy t from 'd.csv'\n\\if :x\n\\ir opt.sql\n\\endif\n",
    'inc.sql': 'create table t (a int);\n',
    'd.csv': '1\n',
  });
  const plan = await planPsql({
    steps: [{ kind: 'file', path: join(root, 'main.sql') }],
    variables: {},
    singleTransaction: false,
    singleLine: false,
    imageKey: 'process:sha256:x',
    initSpecHash: 'i',
    buildConf: '',
  });
  return { root, closure: plan.steps[0]?.closure ?? [] };
}

describe('verifyClosure', () => {
  it('accepts an unchanged closure', async () => {
    const { closure } = await planned();
    await expect(verifyClosure(closure)).resolves.toBeUndefined();
  });

  it('fails when an included file changed, even at the same size', async () => {
    const { root, closure } = await planned();
    await writeFile(join(root, 'inc.sql'), 'create table t (b int);\n');
    await expect(verifyClosure(closure)).rejects.toEqual(changed(`${join(root, 'inc.sql')}: content changed since it was hashed`));
  });

  it('fails when an editor replaced a data file by renaming a new one over it', async () => {
    const { root, closure } = await planned();
    await writeFile(join(root, 'd.csv.new'), '2\n');
    await rename(join(root, 'd.csv.new'), join(root, 'd.csv'));
    await expect(verifyClosure(closure)).rejects.toEqual(changed(`${join(root, 'd.csv')}: content changed since it was hashed`));
  });

  it('fails when a file is gone', async () => {
    const { root, closure } = await planned();
    await rm(join(root, 'inc.sql'));
    await expect(verifyClosure(closure)).rejects.toEqual(changed(`${join(root, 'inc.sql')}: no longer exists`));
  });

  it('fails when an include that was missing now exists', async () => {
    const { root, closure } = await planned();
    await writeFile(join(root, 'opt.sql'), '');
    await expect(verifyClosure(closure)).rejects.toEqual(changed(`${join(root, 'opt.sql')}: did not exist at submit and exists now`));
  });
});
