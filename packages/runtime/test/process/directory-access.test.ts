import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTraversable, makeServerDir } from '../../src/process/directory-access.js';
import { lookupSystemUser } from '../../src/process/system-user.js';

let outer: string;
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeAll(async () => {
  outer = await mkdtemp(join(tmpdir(), 'sqlrs-dirs-'));
});

afterAll(async () => {
  await rm(outer, { recursive: true, force: true });
});

describe('ensureTraversable', () => {
  it('adds search bits inside the roots only', async () => {
    const root = join(outer, 'store');
    const leaf = join(root, 'instances', 'x', 'data');
    await mkdir(leaf, { recursive: true, mode: 0o700 });
    await ensureTraversable(leaf, [root]);
    expect(await Promise.all([leaf, join(root, 'instances', 'x'), join(root, 'instances'), root].map(modeOf))).toEqual([
      0o711, 0o711, 0o711, 0o711,
    ]);
    expect(await modeOf(outer)).toBe(0o700);
  });
});

describe('makeServerDir', () => {
  it('creates the directory with exactly the mode asked for', async () => {
    const dir = join(outer, 'a', 'run');
    await makeServerDir(dir, 0o700, undefined);
    expect(await modeOf(dir)).toBe(0o700);
  });

  it.skipIf(process.getuid?.() !== 0)('hands the directory to the server owner as root', async () => {
    const dir = join(outer, 'owned');
    const { uid, gid } = await lookupSystemUser('postgres');
    await makeServerDir(dir, 0o700, { uid, gid });
    const info = await stat(dir);
    expect({ uid: info.uid, gid: info.gid, mode: info.mode & 0o777 }).toEqual({ uid, gid, mode: 0o700 });
  });
});
