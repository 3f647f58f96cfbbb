import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushFilesystem } from '../src/flush-filesystem.js';

describe('flushFilesystem', () => {
  it('syncs the filesystem of a captured tree', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlrs-flush-'));
    await writeFile(join(dir, 'PG_VERSION'), '15\n');
    await expect(flushFilesystem(dir)).resolves.toBeUndefined();
    await rm(dir, { recursive: true });
  });

  it('fails the step with internal_error naming the path when it cannot flush', async () => {
    const missing = join(tmpdir(), 'sqlrs-flush-missing-x9');
    await expect(flushFilesystem(missing)).rejects.toMatchObject({ code: 'internal_error', message: expect.stringContaining(missing) });
  });
});
