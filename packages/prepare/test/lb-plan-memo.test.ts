import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLiquibaseArgs } from '@sqlrs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LbPlanMemo, lbPlanMemoKey } from '../src/lb-plan-memo.js';
import type { LbRequest } from '../src/lb-request.js';
import type { PrepareContext } from '../src/prepare-context.js';

let root: string;
const ctx = { store: undefined, now: Date.now } as unknown as PrepareContext;

function request(args: string[], env: Record<string, string> = {}): LbRequest {
  return { parsed: parseLiquibaseArgs(args, root), env, roots: [root], changelogRelative: 'main.sql', defaultsText: null, defaultsHash: '', parameters: new Map(), exec: null };
}
const key = (lb: LbRequest) => lbPlanMemoKey(ctx, { imageKey: 'docker:sha256:x', initSpecHash: 'i', buildConf: '', lbVersion: '4.28.0', lb });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-lb-memo-'));
  await writeFile(join(root, 'main.sql'), '--liquibase formatted sql\n');
  await mkdir(join(root, 'node_modules'));
  await writeFile(join(root, 'node_modules', 'ignored.sql'), 'x');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('lb plan memo (engine.md §2.5 step 1)', () => {
  it('keys on the tree under the roots, the arguments and the environment', async () => {
    const args = ['update', '--changelog-file=main.sql'];
    const first = await key(request(args));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await key(request(args))).toBe(first);
    expect(await key(request(args, { JAVA_HOME: '/other' }))).toBe(first);
    expect(await key(request(args, { LIQUIBASE_COMMAND_CONTEXTS: 'ci' }))).not.toBe(first);
    expect(await key(request([...args, '--contexts=ci']))).not.toBe(first);
    await writeFile(join(root, 'node_modules', 'ignored.sql'), 'changed');
    expect(await key(request(args))).toBe(first);
    await writeFile(join(root, 'included.sql'), 'select 1;');
    expect(await key(request(args))).not.toBe(first);
  });

  it('keeps the newest 256 entries', () => {
    const memo = new LbPlanMemo();
    for (let i = 0; i < 300; i += 1) memo.set(`k${i}`, []);
    expect(memo.get('k0')).toBeUndefined();
    expect(memo.get('k299')).toEqual([]);
  });
});
