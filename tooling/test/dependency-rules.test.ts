// Proves that every architecture rule fires: each fixture file under fixtures/violations breaks
// exactly the rule it is named for, and the real tree passes.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const config = path.join(repo, '.dependency-cruiser.cjs');
const depcruise = path.join(repo, 'node_modules/.bin/depcruise');

interface Violation {
  from: string;
  to: string;
  rule: string;
}

async function cruise(cwd: string, targets: string[]): Promise<Violation[]> {
  const { stdout } = await run(depcruise, ['--config', config, '--output-type', 'json', ...targets], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const result = JSON.parse(stdout) as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
  return result.summary.violations.map((v) => ({ from: v.from, to: v.to, rule: v.rule.name }));
}

describe('dependency rules', () => {
  let fixture: string;
  let violations: Violation[];

  beforeAll(async () => {
    // Copy the fixture so the deep "@sqlrs/store/src/..." import meets a real exports map.
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-depcruise-'));
    fs.cpSync(path.join(repo, 'tooling/fixtures/violations'), fixture, { recursive: true });
    fs.mkdirSync(path.join(fixture, 'node_modules/@sqlrs'), { recursive: true });
    fs.symlinkSync(path.join(fixture, 'packages/store'), path.join(fixture, 'node_modules/@sqlrs/store'));
    violations = await cruise(fixture, ['packages', 'apps']);
  });

  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

  const rulesFor = (from: string): string[] =>
    [...new Set(violations.filter((v) => v.from === from).map((v) => v.rule))].sort();

  it('rejects an import the graph does not allow (id may import only errors)', () => {
    expect(rulesFor('packages/id/src/index.ts')).toEqual(['graph:id']);
  });

  it("rejects an app's import outside its graph but allows the app's own files", () => {
    expect(rulesFor('apps/sqlrs/src/index.ts')).toEqual(['graph:apps/sqlrs']);
    expect(violations.filter((v) => v.to === 'apps/sqlrs/src/own.ts')).toEqual([]);
  });

  it('rejects a value import where only "import type" is allowed', () => {
    expect(rulesFor('packages/statefs/src/index.ts')).toEqual(['types-only:statefs']);
    expect(rulesFor('packages/statefs/src/typed.ts')).toEqual([]);
  });

  it("rejects reaching into another package's src internals", () => {
    expect(rulesFor('packages/httpapi/src/index.ts')).toEqual(['no-deep-imports']);
  });

  it('rejects a deep "@sqlrs/<pkg>/src/..." import, which the exports map does not resolve', () => {
    expect(rulesFor('packages/registry/src/index.ts')).toEqual(['no-unresolvable']);
  });

  it('rejects the DI container outside the composition root', () => {
    expect(rulesFor('packages/stream/src/index.ts')).toContain('di-only-in-composition-root');
  });

  it('allows the real SQLite store only in test files of packages that list it', () => {
    expect(rulesFor('packages/instances/src/index.ts')).toEqual(['test-only:instances']);
  });

  it('rejects import cycles', () => {
    expect(rulesFor('packages/contract/src/a.ts')).toEqual(['no-cycles']);
  });

  it('finds no violation in the real tree', async () => {
    expect(await cruise(repo, ['packages', 'apps'])).toEqual([]);
  });
});

describe('no console in library code', () => {
  const script = path.join(repo, 'scripts/check-no-console.mjs');

  it('fails on the fixture and names the line', async () => {
    const err = await run(process.execPath, [script, path.join(repo, 'tooling/fixtures/violations')]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain("packages/stream/src/index.ts:3: console.log('no console in packages');");
  });

  it('passes on the real tree', async () => {
    const { stdout } = await run(process.execPath, [script, repo]);
    expect(stdout).toBe('no-console: ok\n');
  });
});
