import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` atomically: writes a temp file in the same directory with `mode`, fsyncs it,
 * renames it over `path` and fsyncs the directory, so readers see the old or the new file whole.
 * `durable: false` skips both fsyncs, for files that only have to outlive the process, not the OS.
 */
export async function writeFileAtomic(path: string, data: string, mode: number, options: { durable?: boolean } = {}): Promise<void> {
  const durable = options.durable ?? true;
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.chmod(mode);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (durable) await fsyncDir(dir);
}
