import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { runCommand } from '../../src/process/run-command.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function sink(): { lines: [string, string][]; sink: (s: 'stdout' | 'stderr', l: string) => void } {
  const lines: [string, string][] = [];
  return { lines, sink: (s, l) => lines.push([s, l]) };
}

describe('runCommand', () => {
  it('streams lines of both streams and resolves with the exit code', async () => {
    const out = sink();
    const result = await runCommand({ file: 'sh', args: ['-c', 'echo a; echo b >&2; printf c; exit 7'], env, sink: out.sink });
    expect(result).toEqual({ exitCode: 7 });
    expect(out.lines.filter(([s]) => s === 'stdout')).toEqual([
      ['stdout', 'a'],
      ['stdout', 'c'],
    ]);
    expect(out.lines.filter(([s]) => s === 'stderr')).toEqual([['stderr', 'b']]);
  });

  it('writes stdin whole and closes it so the tool sees EOF', async () => {
    const out = sink();
    const stdin = 'x'.repeat(3 * 1024 * 1024);
    expect(await runCommand({ file: 'wc', args: ['-c'], env, stdin, sink: out.sink })).toEqual({ exitCode: 0 });
    expect(out.lines).toEqual([['stdout', String(stdin.length)]]);
  });

  it('reports a signal death as 128 + signal number', async () => {
    expect(await runCommand({ file: 'sh', args: ['-c', 'kill -TERM $$'], env, sink: () => undefined })).toEqual({ exitCode: 143 });
  });

  it('on abort sends SIGINT, then SIGKILL to a tool that ignores it, and rejects with cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await runCommand({
      file: 'sh',
      args: ['-c', 'trap "" INT; sleep 30'],
      env,
      sink: () => undefined,
      signal: controller.signal,
      killAfterMs: 200,
    }).catch((e: unknown) => e);
    expect(error).toEqual(new SqlrsError('cancelled', 'sh was cancelled', { details: 'exit 137' }));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails with internal_error when the program cannot be run', async () => {
    const error = await runCommand({ file: '/nonexistent/tool', args: [], env, sink: () => undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'internal_error',
      message: 'cannot run /nonexistent/tool; check that it exists and is executable',
      details: 'spawn /nonexistent/tool ENOENT',
    });
  });
});
