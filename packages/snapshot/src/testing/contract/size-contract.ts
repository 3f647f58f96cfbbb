import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBody, rejectionOf } from '../contract-context.js';
import type { ContractContext } from '../contract-context.js';
import { FIXTURE_FILE_BYTES, writeFixtureTree } from '../fixture-tree.js';

const MIB = 1024 * 1024;

/** sizeOf adds up what was written. */
export function sizeContract(ctx: ContractContext): void {
  describe('sizeOf', () => {
    it('reports the bytes written as apparent, and allocated/exclusive in range', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const volume = join(work, 'volume');
      await snapshotter.createVolume(volume);
      await writeFixtureTree(volume);
      await writeFile(join(volume, 'pgdata', 'relation'), randomBytes(MIB));

      const size = await snapshotter.sizeOf(volume);
      expect(size.apparent).toBe(FIXTURE_FILE_BYTES + MIB);
      expect(size.allocated).toBeGreaterThanOrEqual(MIB);
      expect(size.allocated).toBeLessThan(size.apparent + MIB);
      if (size.exclusive !== undefined) {
        expect(size.exclusive).toBeGreaterThanOrEqual(MIB);
        expect(size.exclusive).toBeLessThanOrEqual(size.allocated);
      }

      await snapshotter.snapshot(volume, join(work, 'state'));
      const stateSize = await snapshotter.sizeOf(join(work, 'state'));
      expect(stateSize.apparent).toBe(size.apparent);
    });

    it('reports a missing tree as not_found', async () => {
      const path = join(await ctx.workDir(), 'gone');
      expect(errorBody(await rejectionOf(ctx.env().snapshotter.sizeOf(path)))).toEqual({
        name: 'SqlrsError',
        code: 'not_found',
        message: `snapshot: ${path} does not exist or is not a directory; it may have been deleted`,
        details: undefined,
        data: { path },
      });
    });
  });
}
