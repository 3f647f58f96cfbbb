import { PGBENCH_OPTIONS, PSQL_OPTIONS } from '@sqlrs/contract';
import { describe, expect, it } from 'vitest';
import { absoluteFileArgs } from '../src/absolute-file-args.js';

describe('absoluteFileArgs', () => {
  it('makes every psql file spelling absolute and leaves everything else alone', () => {
    const args = ['-f', 'a.sql', '-fb.sql', '--file=c.sql', '--file', 'd.sql', '-Xf', 'e.sql', '-Xff.sql', '-f', '/abs.sql', '-f', '-', '-c', 'x.sql', '-v', 'f=g.sql'];
    expect(absoluteFileArgs(args, PSQL_OPTIONS, '/w', 'path')).toEqual([
      '-f', '/w/a.sql', '-f/w/b.sql', '--file=/w/c.sql', '--file', '/w/d.sql', '-Xf', '/w/e.sql', '-Xf/w/f.sql', '-f', '/abs.sql', '-f', '-', '-c', 'x.sql', '-v', 'f=g.sql',
    ]);
  });

  it('keeps the weight of pgbench scripts', () => {
    expect(absoluteFileArgs(['-c', '4', '-f', 'bench.sql@5', '-f', 'x.sql'], PGBENCH_OPTIONS, '/w', 'weighted')).toEqual(['-c', '4', '-f', '/w/bench.sql@5', '-f', '/w/x.sql']);
  });

  it('resolves ../ against the working directory', () => {
    expect(absoluteFileArgs(['-f', '../db/s.sql'], PSQL_OPTIONS, '/w/app', 'path')).toEqual(['-f', '/w/db/s.sql']);
  });
});
