import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBody, rejectionOf } from '../contract-context.js';
import type { ContractContext } from '../contract-context.js';

// Reason and fix differ per backend; the shape, the root in the reason and the fix's topic do not.
function unavailableBody(kind: string, root: string, fixMentions: string, error: unknown): Record<string, unknown> {
  const { data, details } = error as { data?: { reason?: unknown; fix?: unknown }; details?: unknown };
  return {
    name: 'SqlrsError',
    code: 'unavailable',
    message: `snapshot backend ${kind}: ${String(data?.reason)}; ${String(data?.fix)}`,
    details: typeof details === 'string' ? details : undefined,
    data: { backend: kind, root, reason: expect.stringContaining(root), fix: expect.stringContaining(fixMentions) },
  };
}

/** validateRoot accepts the backend's filesystem, rejects others, and leaves no probe behind. */
export function validateRootContract(ctx: ContractContext): void {
  describe('validateRoot', () => {
    it('accepts its root and leaves nothing behind', async () => {
      const { snapshotter, root } = ctx.env();
      const before = (await readdir(root)).sort();
      await snapshotter.validateRoot(root);
      expect((await readdir(root)).sort()).toEqual(before);
    });

    it('rejects a root on a filesystem it cannot use (only a backend without CoW may lack one)', async () => {
      const { snapshotter, wrongRoot } = ctx.env();
      if (wrongRoot === undefined) {
        expect(snapshotter.caps.cowClone).toBe(false);
        return;
      }
      const error = await rejectionOf(snapshotter.validateRoot(wrongRoot));
      expect(errorBody(error)).toEqual(unavailableBody(snapshotter.kind, wrongRoot, 'snapshot.backend', error));
    });

    it('rejects a root that does not exist as unavailable', async () => {
      const { snapshotter } = ctx.env();
      const missing = join(await ctx.workDir(), 'missing');
      const error = await rejectionOf(snapshotter.validateRoot(missing));
      expect(errorBody(error)).toEqual(unavailableBody(snapshotter.kind, missing, '--state-store', error));
    });
  });
}
