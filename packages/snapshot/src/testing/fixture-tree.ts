import { createHash } from 'node:crypto';
import { chmod, lchown, lstat, lutimes, mkdir, readFile, readdir, readlink, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The uid/gid the fixture gives `pgdata/` when the suite runs as root (a server uid that is not ours). */
const SERVER_OWNER = { uid: 101, gid: 101 } as const;

// Whole seconds, so every backend can reproduce the times exactly.
const FIXED_TIME = new Date('2024-05-06T07:08:09Z');

function pattern(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + seed) % 251;
  return bytes;
}

type FixtureEntry =
  | { path: string; type: 'dir'; mode: number; server: boolean }
  | { path: string; type: 'file'; mode: number; server: boolean; content: Buffer }
  | { path: string; type: 'symlink'; server: boolean; target: string };

// A small PGDATA-like tree: parents first, so creating in order works.
const FIXTURE: readonly FixtureEntry[] = [
  { path: 'pgdata', type: 'dir', mode: 0o700, server: true },
  { path: 'pgdata/PG_VERSION', type: 'file', mode: 0o600, server: true, content: Buffer.from('15\n') },
  { path: 'pgdata/base', type: 'dir', mode: 0o700, server: true },
  { path: 'pgdata/base/1', type: 'dir', mode: 0o700, server: true },
  { path: 'pgdata/base/1/1259', type: 'file', mode: 0o600, server: true, content: pattern(8192, 1) },
  { path: 'pgdata/global', type: 'dir', mode: 0o700, server: true },
  { path: 'pgdata/global/pg_control', type: 'file', mode: 0o600, server: true, content: pattern(8192, 2) },
  { path: 'pgdata/postgresql.conf', type: 'symlink', server: true, target: '../shared/postgresql.conf' },
  { path: 'shared', type: 'dir', mode: 0o711, server: false },
  { path: 'shared/postgresql.conf', type: 'file', mode: 0o644, server: false, content: Buffer.from('fsync = off\n') },
  { path: 'shared/run.sh', type: 'file', mode: 0o750, server: false, content: Buffer.from('#!/bin/sh\nexit 0\n') },
  { path: 'absolute-link', type: 'symlink', server: false, target: '/nonexistent/sqlrs-fixture-target' },
];

/** Total bytes of the fixture's regular files. */
export const FIXTURE_FILE_BYTES = FIXTURE.reduce((sum, entry) => sum + (entry.type === 'file' ? entry.content.length : 0), 0);

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Fills the existing directory `dir` with the fixture; as root `pgdata/` belongs to SERVER_OWNER. */
export async function writeFixtureTree(dir: string): Promise<void> {
  for (const entry of FIXTURE) {
    const path = join(dir, entry.path);
    if (entry.type === 'dir') await mkdir(path, { mode: 0o700 });
    else if (entry.type === 'file') await writeFile(path, entry.content, { mode: 0o600 });
    else await symlink(entry.target, path);
  }
  // Modes, owners and times last and deepest first, so creating children is not in the way.
  for (const entry of [...FIXTURE].reverse()) {
    const path = join(dir, entry.path);
    if (entry.server && isRoot()) await lchown(path, SERVER_OWNER.uid, SERVER_OWNER.gid);
    if (entry.type === 'symlink') {
      await lutimes(path, FIXED_TIME, FIXED_TIME);
    } else {
      await chmod(path, entry.mode);
      await utimes(path, FIXED_TIME, FIXED_TIME);
    }
  }
}

/** One entry of a tree as the suite compares it. */
export interface TreeEntry {
  path: string;
  type: 'dir' | 'file' | 'symlink' | 'other';
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  target?: string;
  mtimeMs?: number;
}

/** Every entry below `dir` (and `.` for itself), sorted by path, with what a copy must keep. */
export async function listTree(dir: string): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  const visit = async (relative: string): Promise<void> => {
    const path = relative === '.' ? dir : join(dir, relative);
    const stats = await lstat(path);
    const base = { path: relative, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
    if (stats.isDirectory()) {
      entries.push({ ...base, type: 'dir' });
      for (const name of await readdir(path)) await visit(relative === '.' ? name : `${relative}/${name}`);
    } else if (stats.isFile()) {
      const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
      entries.push({ ...base, type: 'file', size: stats.size, sha256, mtimeMs: stats.mtimeMs });
    } else if (stats.isSymbolicLink()) {
      entries.push({ ...base, type: 'symlink', mode: 0, target: await readlink(path), mtimeMs: stats.mtimeMs });
    } else {
      entries.push({ ...base, type: 'other' });
    }
  };
  await visit('.');
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What `listTree` of a fresh `createVolume` filled by `writeFixtureTree` must show (contents aside). */
export function expectedFixtureSummary(): Array<Pick<TreeEntry, 'path' | 'type' | 'mode' | 'uid' | 'gid' | 'target'>> {
  const me = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const server = isRoot() ? SERVER_OWNER : me;
  const rows: Array<Pick<TreeEntry, 'path' | 'type' | 'mode' | 'uid' | 'gid' | 'target'>> = [
    { path: '.', type: 'dir', mode: 0o700, ...me },
  ];
  for (const entry of FIXTURE) {
    const owner = entry.server ? server : me;
    if (entry.type === 'symlink') rows.push({ path: entry.path, type: 'symlink', mode: 0, ...owner, target: entry.target });
    else rows.push({ path: entry.path, type: entry.type, mode: entry.mode, ...owner });
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The comparable part of `listTree` entries for `expectedFixtureSummary`. */
export function summarize(entries: readonly TreeEntry[]): ReturnType<typeof expectedFixtureSummary> {
  return entries.map(({ path, type, mode, uid, gid, target }) => (target === undefined ? { path, type, mode, uid, gid } : { path, type, mode, uid, gid, target }));
}
