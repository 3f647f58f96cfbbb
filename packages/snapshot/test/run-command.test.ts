import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/run-command.js';

function body(error: unknown): Record<string, unknown> {
  const { name, code, message, details, data } = error as Record<string, unknown>;
  return { name, code, message, details, data };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

const options = { timeoutMs: 5000, missingHint: 'install the tool' };

describe('runCommand', () => {
  it('resolves with stdout', async () => {
    expect(await runCommand('sh', ['-c', 'printf "%s|" "$@"', 'sh', 'a b', '$HOME'], options)).toBe('a b|$HOME|');
  });

  it('reports a missing executable as unavailable with the hint', async () => {
    const error = await failure(runCommand('/nonexistent/sqlrs-tool', ['x'], options));
    expect(body(error)).toEqual({
      name: 'SqlrsError',
      code: 'unavailable',
      message: '/nonexistent/sqlrs-tool not found; install the tool',
      details: 'spawn /nonexistent/sqlrs-tool ENOENT',
      data: undefined,
    });
  });

  it('reports a non-zero exit as internal_error with stderr', async () => {
    const error = await failure(runCommand('sh', ['-c', 'echo broken >&2; exit 3'], options));
    expect(body(error)).toEqual({
      name: 'SqlrsError',
      code: 'internal_error',
      message: 'sh -c echo broken >&2; exit 3 failed with exit code 3; see details',
      details: 'broken',
      data: { command: ['sh', '-c', 'echo broken >&2; exit 3'], exitCode: 3 },
    });
  });

  it('kills a command that misses its deadline', async () => {
    const started = Date.now();
    const error = await failure(runCommand('sleep', ['10'], { ...options, timeoutMs: 100 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(body(error)).toEqual({
      name: 'SqlrsError',
      code: 'internal_error',
      message: 'sleep 10 did not finish within 100 ms; check the filesystem and retry',
      details: 'Command failed: sleep 10\n',
      data: { command: ['sleep', '10'] },
    });
  });
});
