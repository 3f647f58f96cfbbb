import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityFileContents, writeIdentityFiles } from '../../src/docker/identity-files.js';

describe('identity files for a non-root engine', () => {
  it('declare postgres with the engine uid/gid', () => {
    expect(identityFileContents({ uid: 1000, gid: 1001 })).toEqual({
      passwd: 'root:x:0:0:root:/root:/bin/sh\npostgres:x:1000:1001:PostgreSQL administrator:/var/lib/postgresql:/bin/sh\n',
      group: 'root:x:0:\npostgres:x:1001:\n',
    });
  });

  it('are written world-readable into a 0700 directory, idempotently', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlrs-identity-'));
    try {
      const target = join(dir, 'id');
      await writeIdentityFiles(target, { uid: 1000, gid: 1001 });
      const paths = await writeIdentityFiles(target, { uid: 1000, gid: 1001 });
      expect(paths).toEqual({ passwd: join(target, 'passwd'), group: join(target, 'group') });
      expect(await readFile(paths.group, 'utf8')).toBe('root:x:0:\npostgres:x:1001:\n');
      expect((await stat(target)).mode & 0o777).toBe(0o700);
      expect((await stat(paths.passwd)).mode & 0o777).toBe(0o644);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
