import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLayout, ensureStoreDirs, validateStoreRoot } from '../src/index.js';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'sqlrs-dirs-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

function modes(layout: StoreLayout): Record<string, string> {
  const dirs = { root: layout.root, engines: layout.enginesDir, instances: layout.instancesDir, jobs: layout.jobsDir, tmp: layout.tmpDir, logs: layout.logsDir };
  return Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, (statSync(dir).mode & 0o777).toString(8)]));
}

describe('ensureStoreDirs', () => {
  it('creates the root and its top directories with mode 0700', async () => {
    const layout = new StoreLayout(join(parent, 'a', 'store'));
    await ensureStoreDirs(layout, { asRoot: false });
    expect(modes(layout)).toEqual({ root: '700', engines: '700', instances: '700', jobs: '700', tmp: '700', logs: '700' });
  });

  it('as root makes the directories a server uid traverses 0711 and keeps the others 0700', async () => {
    const layout = new StoreLayout(join(parent, 'store'));
    await ensureStoreDirs(layout, { asRoot: true });
    expect(modes(layout)).toEqual({ root: '711', engines: '711', instances: '711', jobs: '700', tmp: '711', logs: '700' });
  });

  it('tightens an existing root and is idempotent', async () => {
    const layout = new StoreLayout(join(parent, 'store'));
    mkdirSync(layout.root, { mode: 0o755 });
    await ensureStoreDirs(layout, { asRoot: false });
    await ensureStoreDirs(layout, { asRoot: false });
    expect(modes(layout).root).toBe('700');
  });
});

describe('validateStoreRoot', () => {
  it('accepts a store on one filesystem and reports whether it is its own mount', async () => {
    const layout = new StoreLayout(join(parent, 'store'));
    await ensureStoreDirs(layout, { asRoot: false });
    expect(await validateStoreRoot(layout)).toEqual({ ownMount: false });
  });
});
