import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { SqlrsError } from '@sqlrs/errors';
import type { FileHashMemo, MemoStore } from '@sqlrs/store';
import { inputsChanged } from './hash-errors.js';

/** Memo entries hashed less than this long after the file's mtime are not trusted (engine.md §2.3). */
export const RACY_WINDOW_MS = 2000;

const CHUNK_BYTES = 256 * 1024;

/** The memo and clock hashing uses; both optional (no memo = always read). */
export interface FileHashOptions {
  memo?: MemoStore;
  /** Epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

/** An open regular file and its `fstat`, taken from the descriptor that is read. */
export interface OpenedFile {
  path: string;
  handle: FileHandle;
  stat: BigIntStats;
}

/** `dev:ino` of a file, exact (bigint) so distinct files never collide. */
export function fileKey(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}`;
}

/** True for the errors that mean "there is no file at this path". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Opens `path` for reading and checks it is a regular file; missing-file errors are rethrown as is. */
export async function openRegularFile(path: string, where: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isMissing(error)) throw error;
    throw new SqlrsError('invalid_argument', `cannot read ${path} (${where}); check that the engine may read it`, {
      details: (error as Error).message,
      cause: error,
    });
  }
  const stat = await handle.stat({ bigint: true });
  if (!stat.isFile()) {
    await handle.close();
    throw new SqlrsError('invalid_argument', `${path} (${where}) is not a regular file; only regular files can be hashed`);
  }
  return { path, handle, stat };
}

/** Reads an open file from the start in chunks; each chunk is a fresh buffer. */
export async function* readChunks(handle: FileHandle): AsyncGenerator<Uint8Array> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The memo row describing `file` with the given hash. */
export function memoFor(file: OpenedFile, sha256: string, hashedAt: number): FileHashMemo {
  return {
    path: file.path,
    dev: Number(file.stat.dev),
    ino: Number(file.stat.ino),
    size: Number(file.stat.size),
    mtimeNs: file.stat.mtimeNs.toString(),
    ctimeNs: file.stat.ctimeNs.toString(),
    sha256,
    hashedAt,
  };
}

/** The memoised hash of `file` when the memo row matches its stat and is not racy, else undefined. */
function trustedMemo(file: OpenedFile, memo: MemoStore): string | undefined {
  const row = memo.getFileHashMemo(file.path);
  if (row === undefined) return undefined;
  const current = memoFor(file, row.sha256, row.hashedAt);
  const same =
    row.dev === current.dev &&
    row.ino === current.ino &&
    row.size === current.size &&
    row.mtimeNs === current.mtimeNs &&
    row.ctimeNs === current.ctimeNs;
  const mtimeMs = Number(file.stat.mtimeNs / 1_000_000n);
  return same && row.hashedAt - mtimeMs >= RACY_WINDOW_MS ? row.sha256 : undefined;
}

/** SHA-256 of an open file's bytes, from the memo when trusted, else read (and memoised). */
export async function sha256OfOpenFile(file: OpenedFile, options: FileHashOptions): Promise<string> {
  const memoised = options.memo === undefined ? undefined : trustedMemo(file, options.memo);
  if (memoised !== undefined) return memoised;
  const hashedAt = (options.now ?? Date.now)();
  const hash = createHash('sha256');
  const size = Number(file.stat.size);
  let read = 0;
  for await (const chunk of readChunks(file.handle)) {
    read += chunk.byteLength;
    hash.update(chunk);
  }
  if (read !== size) throw inputsChanged(`${file.path}: read ${read} bytes, stat said ${size}`);
  const sha256 = hash.digest('hex');
  options.memo?.putFileHashMemo(memoFor(file, sha256, hashedAt));
  return sha256;
}

/** SHA-256 of the file at `path` (memo-backed); missing-file errors are rethrown as is. */
export async function sha256OfFile(path: string, where: string, options: FileHashOptions): Promise<string> {
  const file = await openRegularFile(path, where);
  try {
    return await sha256OfOpenFile(file, options);
  } finally {
    await file.handle.close();
  }
}
