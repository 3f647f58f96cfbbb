import { describe, expect, test } from 'vitest';
import { RunRequest, parsePgbenchArgs, parsePsqlArgs, validateRunRequestArgs } from '../../src/index.js';
import { errorOf, invalid } from './caught.js';

describe('validateRunRequestArgs', () => {
  test('parses psql args in run mode', () => {
    const run = RunRequest.parse({ instance_ref: 'dev', kind: 'psql', args: ['-c', 'select 1/0'] });
    expect(validateRunRequestArgs(run)).toEqual({ kind: 'psql', invocations: [parsePsqlArgs(['-c', 'select 1/0'], 'run')] });
    expect(validateRunRequestArgs({ kind: 'psql' })).toEqual({ kind: 'psql', invocations: [parsePsqlArgs([], 'run')] });
  });

  test('parses each step on its own, with issue paths under steps[i].args', () => {
    const run = RunRequest.parse({ instance_ref: 'dev', kind: 'psql', steps: [{ args: ['-c', 'select 1'] }, { args: ['-f', '-'], stdin: 'select 2' }] });
    expect(validateRunRequestArgs(run)).toEqual({
      kind: 'psql',
      invocations: [parsePsqlArgs(['-c', 'select 1'], 'run'), parsePsqlArgs(['-f', '-'], 'run')],
    });
    expect(errorOf(() => validateRunRequestArgs({ kind: 'psql', steps: [{ args: [] }, { args: ['-X', 'postgres://x'] }] }))).toEqual(
      invalid('positional arguments are not allowed', 'steps[1].args[1]', 'postgres://x'),
    );
  });

  test('psql args keep the rejection table but not the prepare rules', () => {
    expect(errorOf(() => validateRunRequestArgs({ kind: 'psql', args: ['-c', 'select 1', '-Xh', 'db'] }))).toEqual(
      invalid('connection flags are not allowed', 'args[2]', '-h'),
    );
    expect(() => validateRunRequestArgs({ kind: 'psql', args: ['-v', 'ON_ERROR_STOP=0', '-c', 'select 1'] })).not.toThrow();
  });

  test('uses the pgbench rules for pgbench', () => {
    expect(validateRunRequestArgs({ kind: 'pgbench', args: ['-c', '4', '-T', '10'] })).toEqual({
      kind: 'pgbench',
      pgbench: parsePgbenchArgs(['-c', '4', '-T', '10']),
    });
    expect(errorOf(() => validateRunRequestArgs({ kind: 'pgbench', args: ['-c', '4', 'app'] }))).toEqual(
      invalid('positional arguments are not allowed', 'args[2]', 'app'),
    );
  });
});
