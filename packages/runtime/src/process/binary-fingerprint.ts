import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { HostBinaries } from './host-binaries.js';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Content hashes of files, memoised by path, size, mtime and inode so unchanged binaries hash once;
 * concurrent callers (the engine's start-up warm-up and a first request) share one read.
 */
export class FileHashCache {
  private readonly entries = new Map<string, { stamp: string; hash: Promise<string> }>();

  /** The sha256 hex of `path`'s content. */
  async hash(path: string): Promise<string> {
    const info = await stat(path);
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const known = this.entries.get(path);
    if (known?.stamp === stamp) return known.hash;
    const hash = sha256File(path);
    const entry = { stamp, hash };
    this.entries.set(path, entry);
    hash.catch(() => {
      if (this.entries.get(path) === entry) this.entries.delete(path);
    });
    return hash;
  }
}

/**
 * The 64-hex fingerprint behind `process:sha256:<hex>` (engine.md §7.3): sha256 over the version,
 * the sha256 of `postgres`, `initdb` and `psql`, and the CPU architecture.
 */
export async function binaryFingerprint(binaries: HostBinaries, arch: string, cache: FileHashCache): Promise<string> {
  const hashes = await Promise.all([binaries.postgres, binaries.initdb, binaries.psql].map((file) => cache.hash(file)));
  const parts = [binaries.pgVersion, ...hashes, arch];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
