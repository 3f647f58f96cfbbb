import { createHash } from 'node:crypto';
import { link, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { type PsqlSource, psqlContentHash } from '../src/content-hash.js';
import { type ClosureEntry, type ClosureLimits, DEFAULT_CLOSURE_LIMITS, IncludeClosure } from '../src/include-closure.js';
import { PsqlVariableScope } from '../src/psql-variables.js';
import { tempTree } from './helpers/temp-tree.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const script = (path: string, text: string): ClosureEntry => ({ kind: 'script', path, sha256: sha(text), size: Buffer.byteLength(text) });

interface Options {
  cwd?: string | null;
  vars?: Record<string, string>;
  limits?: ClosureLimits;
}

async function hashSource(source: PsqlSource, options: Options = {}): Promise<{ hash: string; closure: ClosureEntry[] }> {
  const closure = new IncludeClosure(options.cwd ?? null, options.limits ?? DEFAULT_CLOSURE_LIMITS);
  const variables = new PsqlVariableScope(new Map(Object.entries(options.vars ?? {})));
  const hash = await psqlContentHash(source, { closure, variables, singleLine: false });
  return { hash, closure: closure.takeEntries() };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('include closure: resolution', () => {
  it('resolves \\i against the working directory, \\ir against the including file, absolute paths as is', async () => {
    const lib = await tempTree({ 'abs.sql': 'select 3;\n' });
    const files = {
      'app/main.sql': `\\i sub/a.sql\n\\i ${lib}/abs.sql\n`,
      'app/sub/a.sql': '\\ir lib/b.sql\n\\i top.sql\n',
      'app/sub/lib/b.sql': 'select 2;\n',
      'app/top.sql': 'select 1;\n',
    };
    const root = await tempTree(files);
    const { closure } = await hashSource({ kind: 'file', path: join(root, 'app/main.sql') }, { cwd: join(root, 'app') });
    expect(closure).toEqual([
      script(join(root, 'app/main.sql'), files['app/main.sql']),
      script(join(root, 'app/sub/a.sql'), files['app/sub/a.sql']),
      script(join(root, 'app/sub/lib/b.sql'), files['app/sub/lib/b.sql']),
      script(join(root, 'app/top.sql'), files['app/top.sql']),
      script(join(lib, 'abs.sql'), 'select 3;\n'),
    ]);
  });

  it('hashes a file included twice side by side twice, and lists it once', async () => {
    const root = await tempTree({ 'main.sql': '\\i x.sql\n\\i x.sql\n', 'once.sql': '\\i x.sql\n', 'x.sql': 'insert into t values (1);\n' });
    const twice = await hashSource({ kind: 'file', path: join(root, 'main.sql') }, { cwd: root });
    const once = await hashSource({ kind: 'file', path: join(root, 'once.sql') }, { cwd: root });
    expect(twice.closure.map((entry) => entry.path)).toEqual([join(root, 'main.sql'), join(root, 'x.sql')]);
    expect(twice.hash).not.toBe(once.hash);
  });

  it('resolves relative paths of -c and stdin against the working directory', async () => {
    const root = await tempTree({ 'x.sql': 'select 1;\n' });
    const { closure } = await hashSource({ kind: 'stdin', text: '\\ir x.sql\n' }, { cwd: root });
    expect(closure).toEqual([script(join(root, 'x.sql'), 'select 1;\n')]);
  });

  it('fails a relative path when the request has no -f file to give psql a working directory', async () => {
    expect(await failure(hashSource({ kind: 'command', sql: '\\i x.sql' }))).toEqual(
      new SqlrsError(
        'invalid_argument',
        '-c:1 reads the relative path x.sql, but psql has no working directory without a -f file; use an absolute path',
      ),
    );
  });

  it('takes include paths from -v variables', async () => {
    const root = await tempTree({ 'a/x.sql': 'select 1;\n', 'b/x.sql': 'select 2;\n' });
    const source: PsqlSource = { kind: 'stdin', text: '\\i :dir/x.sql\n' };
    const a = await hashSource(source, { cwd: root, vars: { dir: 'a' } });
    const b = await hashSource(source, { cwd: root, vars: { dir: 'b' } });
    expect(a.closure).toEqual([script(join(root, 'a/x.sql'), 'select 1;\n')]);
    expect(b.hash).not.toBe(a.hash);
  });
});

describe('include closure: cycles', () => {
  it('fails re-entering a file on the include stack, with the whole chain', async () => {
    const root = await tempTree({ 'a.sql': 'select 1;\n\\ir b.sql\n', 'b.sql': '\\ir a.sql\n' });
    const a = join(root, 'a.sql');
    const b = join(root, 'b.sql');
    expect(await failure(hashSource({ kind: 'file', path: a }))).toEqual(
      new SqlrsError('invalid_argument', `include cycle at ${b}:1: ${a} is already being included; remove the recursive include`, {
        details: `include chain: ${a} -> ${b} (included at ${a}:2) -> ${a} (included at ${b}:1)`,
      }),
    );
  });

  it.each([
    ['a symbolic link', symlink],
    ['a hard link', link],
  ])('recognises a file re-entered through %s by dev:ino', async (_how, makeLink) => {
    const root = await tempTree({ 'main.sql': '\\ir other.sql\n' });
    await makeLink(join(root, 'main.sql'), join(root, 'other.sql'));
    const error = await failure(hashSource({ kind: 'file', path: join(root, 'main.sql') }));
    expect((error as SqlrsError).message).toBe(
      `include cycle at ${join(root, 'main.sql')}:1: ${join(root, 'other.sql')} is already being included; remove the recursive include`,
    );
  });
});

describe('include closure: missing files', () => {
  it('hashes a missing include inside \\if as include_missing, also below an include made inside \\if', async () => {
    const root = await tempTree({ 'main.sql': '\\if :load\n\\ir opt.sql\n\\ir gone.sql\n\\endif\n', 'opt.sql': '\\ir gone2.sql\n' });
    const { closure } = await hashSource({ kind: 'file', path: join(root, 'main.sql') });
    expect(closure).toEqual([
      script(join(root, 'main.sql'), '\\if :load\n\\ir opt.sql\n\\ir gone.sql\n\\endif\n'),
      script(join(root, 'opt.sql'), '\\ir gone2.sql\n'),
      { kind: 'include_missing', path: join(root, 'gone2.sql') },
      { kind: 'include_missing', path: join(root, 'gone.sql') },
    ]);
  });

  it('changes the content hash when a missing include appears', async () => {
    const root = await tempTree({ 'main.sql': '\\if :load\n\\ir opt.sql\n\\endif\n' });
    const before = await hashSource({ kind: 'file', path: join(root, 'main.sql') });
    await writeFile(join(root, 'opt.sql'), '');
    const after = await hashSource({ kind: 'file', path: join(root, 'main.sql') });
    expect(after.hash).not.toBe(before.hash);
  });

  it('fails a missing include outside \\if with the include stack', async () => {
    const root = await tempTree({ 'main.sql': '\\ir a.sql\n', 'a.sql': 'select 1;\n\\ir gone.sql\n' });
    const [main, a, gone] = ['main.sql', 'a.sql', 'gone.sql'].map((name) => join(root, name)) as [string, string, string];
    expect(await failure(hashSource({ kind: 'file', path: main }))).toEqual(
      new SqlrsError('invalid_argument', `${a}:2 includes ${gone}, which does not exist; create it or move the include inside \\if`, {
        details: `include chain: ${main} -> ${a} (included at ${main}:1) -> ${gone} (included at ${a}:2)`,
      }),
    );
  });

  it('fails a missing \\copy data file and hints that \\copy does not substitute variables', async () => {
    const root = await tempTree();
    const error = await failure(hashSource({ kind: 'stdin', text: "\\copy t from ':dir/d.csv'\n" }, { cwd: root }));
    expect(error).toEqual(
      new SqlrsError(
        'invalid_argument',
        `stdin:1 reads data from ${join(root, ':dir/d.csv')}, which does not exist; create it; psql does not substitute variables in \\copy`,
        { details: `include chain: stdin -> ${join(root, ':dir/d.csv')} (read at stdin:1)` },
      ),
    );
  });

  it('fails a -f file that does not exist', async () => {
    const error = await failure(hashSource({ kind: 'file', path: '/nonexistent/sqlrs/x.sql' }));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', 'cannot read file /nonexistent/sqlrs/x.sql; check the -f path', {
        details: "/nonexistent/sqlrs/x.sql: ENOENT: no such file or directory, open '/nonexistent/sqlrs/x.sql'",
      }),
    );
  });
});

describe('include closure: data files', () => {
  it('hashes \\copy data by its bytes, so changing the data changes the hash', async () => {
    const one = await tempTree({ 'main.sql': "\\copy t from 'd.csv' csv\n", 'd.csv': '1\n' });
    const two = await tempTree({ 'main.sql': "\\copy t from 'd.csv' csv\n", 'd.csv': '2\n' });
    const a = await hashSource({ kind: 'file', path: join(one, 'main.sql') }, { cwd: one });
    const b = await hashSource({ kind: 'file', path: join(two, 'main.sql') }, { cwd: two });
    expect(a.closure[1]).toEqual({ kind: 'copy_data', path: join(one, 'd.csv'), sha256: sha('1\n'), size: 2 });
    expect(b.hash).not.toBe(a.hash);
  });
});

describe('include closure: limits', () => {
  const chain = {
    'l0.sql': '\\ir l1.sql\n',
    'l1.sql': '\\ir l2.sql\n',
    'l2.sql': '\\ir l3.sql\n',
    'l3.sql': 'select 1;\n',
  };

  it('fails includes nested deeper than the limit', async () => {
    const root = await tempTree(chain);
    const p = (n: number): string => join(root, `l${n}.sql`);
    const error = await failure(hashSource({ kind: 'file', path: p(0) }, { limits: { ...DEFAULT_CLOSURE_LIMITS, maxDepth: 2 } }));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', `includes nest deeper than 2 levels at ${p(2)}:1; flatten the include chain`, {
        details: `include chain: ${p(0)} -> ${p(1)} (included at ${p(0)}:1) -> ${p(2)} (included at ${p(1)}:1) -> ${p(3)}`,
      }),
    );
    await expect(hashSource({ kind: 'file', path: p(0) }, { limits: { ...DEFAULT_CLOSURE_LIMITS, maxDepth: 3 } })).resolves.toBeDefined();
  });

  it('fails more distinct files than the limit', async () => {
    const root = await tempTree(chain);
    const error = await failure(hashSource({ kind: 'file', path: join(root, 'l0.sql') }, { limits: { ...DEFAULT_CLOSURE_LIMITS, maxFiles: 3 } }));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', `the inputs span more than 3 files (at ${join(root, 'l2.sql')}:1); split the prepare`),
    );
  });

  it('fails more hashed bytes than the limit', async () => {
    const root = await tempTree(chain);
    const error = await failure(hashSource({ kind: 'file', path: join(root, 'l0.sql') }, { limits: { ...DEFAULT_CLOSURE_LIMITS, maxBytes: 30 } }));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', `the inputs exceed 30 bytes (at ${join(root, 'l1.sql')}:1); split the prepare`),
    );
  });
});
