import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileHashCache, binaryFingerprint } from '../../src/process/binary-fingerprint.js';
import type { HostBinaries } from '../../src/process/host-binaries.js';

let dir: string;
let binaries: HostBinaries;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sqlrs-fp-'));
  for (const name of ['postgres', 'initdb', 'psql']) await writeFile(join(dir, name), `${name} v1`);
  binaries = {
    binDir: dir,
    pgVersion: '15.18',
    pgMajor: 15,
    postgres: join(dir, 'postgres'),
    initdb: join(dir, 'initdb'),
    psql: join(dir, 'psql'),
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('binaryFingerprint', () => {
  it('hashes version, binary contents and architecture', async () => {
    const expected = sha(['15.18', sha('postgres v1'), sha('initdb v1'), sha('psql v1'), 'amd64'].join('\n'));
    expect(await binaryFingerprint(binaries, 'amd64', new FileHashCache())).toBe(expected);
    expect(await binaryFingerprint(binaries, 'arm64', new FileHashCache())).not.toBe(expected);
  });

  it('notices a replaced binary even through the memo', async () => {
    const cache = new FileHashCache();
    const before = await binaryFingerprint(binaries, 'amd64', cache);
    await writeFile(binaries.psql, 'psql v2!');
    await utimes(binaries.psql, new Date(), new Date(Date.now() + 5_000));
    expect(await binaryFingerprint(binaries, 'amd64', cache)).not.toBe(before);
    expect(await cache.hash(binaries.psql)).toBe(sha('psql v2!'));
  });

  it('gives concurrent callers one result and forgets a file that could not be read', async () => {
    const cache = new FileHashCache();
    const [a, b] = await Promise.all([cache.hash(binaries.initdb), cache.hash(binaries.initdb)]);
    expect(a).toBe(sha('initdb v1'));
    expect(b).toBe(a);
    const missing = join(dir, 'gone');
    await expect(cache.hash(missing)).rejects.toThrow(/ENOENT/);
    await writeFile(missing, 'back');
    expect(await cache.hash(missing)).toBe(sha('back'));
  });
});
