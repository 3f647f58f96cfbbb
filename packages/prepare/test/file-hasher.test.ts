import { createHash } from 'node:crypto';
import { stat, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import type { FileHashMemo } from '@sqlrs/store';
import { createMemoryStore } from '@sqlrs/store/testing';
import { RACY_WINDOW_MS, sha256OfFile } from '../src/file-hasher.js';
import { tempTree } from './helpers/temp-tree.js';

const CONTENT = '1,one\n2,two\n';
const REAL = createHash('sha256').update(CONTENT).digest('hex');
const FAKE = 'f'.repeat(64);

async function memoRow(path: string, sha256: string, hashedAt: number): Promise<FileHashMemo> {
  const s = await stat(path, { bigint: true });
  return {
    path,
    dev: Number(s.dev),
    ino: Number(s.ino),
    size: Number(s.size),
    mtimeNs: s.mtimeNs.toString(),
    ctimeNs: s.ctimeNs.toString(),
    sha256,
    hashedAt,
  };
}

async function setup(): Promise<{ path: string; mtimeMs: number }> {
  const path = join(await tempTree({ 'data.csv': CONTENT }), 'data.csv');
  await utimes(path, 1_700_000_000, 1_700_000_000);
  return { path, mtimeMs: 1_700_000_000_000 };
}

describe('sha256OfFile', () => {
  it('hashes the bytes and memoises them with the stat and the time hashing started', async () => {
    const { path, mtimeMs } = await setup();
    const memo = createMemoryStore();
    const now = mtimeMs + 60_000;
    expect(await sha256OfFile(path, 'test', { memo, now: () => now })).toBe(REAL);
    expect(memo.getFileHashMemo(path)).toEqual(await memoRow(path, REAL, now));
  });

  it('trusts a matching memo row hashed at least 2 s after the mtime, without reading', async () => {
    const { path, mtimeMs } = await setup();
    const memo = createMemoryStore();
    memo.putFileHashMemo(await memoRow(path, FAKE, mtimeMs + RACY_WINDOW_MS));
    expect(await sha256OfFile(path, 'test', { memo })).toBe(FAKE);
  });

  it('re-reads a racy memo row (hashed within 2 s of the mtime) and replaces it', async () => {
    const { path, mtimeMs } = await setup();
    const memo = createMemoryStore();
    memo.putFileHashMemo(await memoRow(path, FAKE, mtimeMs + RACY_WINDOW_MS - 1));
    expect(await sha256OfFile(path, 'test', { memo, now: () => mtimeMs + 10_000 })).toBe(REAL);
    expect(memo.getFileHashMemo(path)?.sha256).toBe(REAL);
  });

  it('re-reads when the stat no longer matches the memo row', async () => {
    const { path, mtimeMs } = await setup();
    const memo = createMemoryStore();
    memo.putFileHashMemo(await memoRow(path, FAKE, mtimeMs + 60_000));
    await utimes(path, 1_700_000_100, 1_700_000_100);
    expect(await sha256OfFile(path, 'test', { memo })).toBe(REAL);
  });

  it('refuses what is not a regular file', async () => {
    const root = await tempTree({ 'sub/x.sql': '' });
    await symlink(join(root, 'sub'), join(root, 'link'));
    await expect(sha256OfFile(join(root, 'link'), 'main.sql:3', {})).rejects.toEqual(
      new SqlrsError('invalid_argument', `${join(root, 'link')} (main.sql:3) is not a regular file; only regular files can be hashed`),
    );
  });
});
