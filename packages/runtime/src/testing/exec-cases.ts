import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CaseHost } from './case-host.js';
import { recordingSink } from './contract-context.js';

const ENV = { PGCLIENTENCODING: 'UTF8', PGAPPNAME: 'sqlrs-contract' };

/** exec: streamed lines, exit codes, large stdin, client files readable by the engine (engine.md §7.4). */
export function execCases(host: CaseHost): void {
  it('exec streams stdout and stderr lines in order and returns a non-zero exit code', async (t) => {
    const ctx = host.context(t);
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
    const out = recordingSink();
    const script = ['\\echo out-1', '\\warn err-1', '\\echo out-2', '\\warn err-2', 'SELECT 1/0;', '\\echo never'].join('\n');
    const result = await ctx.runtime.exec(sandbox, { argv: ctx.psql(sandbox, '-f', '-'), env: ENV, stdin: `${script}\n` }, out.sink);
    expect(result).toEqual({ exitCode: 3 });
    expect(out.of('stdout')).toEqual(['out-1', 'out-2']);
    expect(out.of('stderr')).toEqual(['err-1', 'err-2', 'psql:<stdin>:5: ERROR:  division by zero']);
    const ok = recordingSink();
    expect(await ctx.runtime.exec(sandbox, { argv: ctx.psql(sandbox, '-At', '-c', 'SELECT 6 * 7'), env: ENV }, ok.sink)).toEqual({
      exitCode: 0,
    });
    expect(ok.lines).toEqual([['stdout', '42']]);
    await ctx.runtime.remove(sandbox.ref);
  });

  it('exec with 1 MiB on stdin finishes (stdin is half-closed)', async (t) => {
    const ctx = host.context(t);
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
    const comment = `-- ${'x'.repeat(1021)}\n`;
    const stdin = `${comment.repeat(1024)}SELECT 'done-' || 42;\n`;
    expect(Buffer.byteLength(stdin)).toBeGreaterThan(1024 * 1024);
    const out = recordingSink();
    const started = Date.now();
    const result = await ctx.runtime.exec(sandbox, { argv: ctx.psql(sandbox, '-At', '-f', '-'), env: ENV, stdin }, out.sink);
    expect({ result, lines: out.lines }).toEqual({ result: { exitCode: 0 }, lines: [['stdout', 'done-42']] });
    expect(Date.now() - started).toBeLessThan(20_000);
    await ctx.runtime.remove(sandbox.ref);
  });

  it('as root, exec reads a -f file under a 0700 root-owned directory', async (t) => {
    const ctx = host.context(t);
    t.skip(!ctx.asRoot, 'only meaningful when the engine runs as root');
    const dir = await mkdtemp(join(tmpdir(), 'sqlrs-contract-private-'));
    try {
      const file = join(dir, 'step.sql');
      await writeFile(file, 'SELECT 40 + 2 AS answer;\n', { mode: 0o600 });
      const sandbox = await ctx.start(ctx.spec(await ctx.newDirs(), { inputDirs: [dir] }));
      const out = recordingSink();
      const result = await ctx.runtime.exec(sandbox, { argv: ctx.psql(sandbox, '-At', '-f', file), env: ENV, cwd: dir }, out.sink);
      expect({ result, lines: out.lines }).toEqual({ result: { exitCode: 0 }, lines: [['stdout', '42']] });
      await ctx.runtime.remove(sandbox.ref);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
