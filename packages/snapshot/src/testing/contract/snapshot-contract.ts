import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreLayout } from '@sqlrs/statefs';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract-context.js';
import { listTree, writeFixtureTree } from '../fixture-tree.js';

function errnoOf(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

/** Capturing states: the source stays as it was, the state stays as it was captured. */
export function snapshotContract(ctx: ContractContext): void {
  describe('snapshots', () => {
    async function capturedState(): Promise<{ work: string; src: string; state: string }> {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const src = join(work, 'build');
      const state = join(work, 'state');
      await snapshotter.createVolume(src);
      await writeFixtureTree(src);
      await snapshotter.snapshot(src, state);
      return { work, src, state };
    }

    it('never modifies its source and captures it whole', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const src = join(work, 'build');
      await snapshotter.createVolume(src);
      await writeFixtureTree(src);
      const before = await listTree(src);
      await snapshotter.snapshot(src, join(work, 'state'));
      expect(await listTree(src)).toEqual(before);
      expect(await listTree(join(work, 'state'))).toEqual(before);
    });

    it('keeps a state unchanged when its source is written later', async () => {
      const { src, state } = await capturedState();
      const captured = await listTree(state);
      await writeFile(join(src, 'pgdata', 'PG_VERSION'), '16\n');
      await writeFile(join(src, 'pgdata', 'later'), 'later');
      await rm(join(src, 'shared', 'run.sh'));
      expect(await listTree(state)).toEqual(captured);
    });

    it('keeps a state unchanged whatever a later clone does', async () => {
      const { snapshotter } = ctx.env();
      const { work, state } = await capturedState();
      const captured = await listTree(state);
      const clone = join(work, 'instance');
      await snapshotter.cloneForInstance(state, clone);
      await writeFile(join(clone, 'pgdata', 'PG_VERSION'), '16\n');
      await writeFile(join(clone, 'pgdata', 'base', '1', '1259'), 'overwritten');
      await writeFile(join(clone, 'pgdata', 'postmaster.pid'), '4242\n');
      await chmod(join(clone, 'pgdata'), 0o755);
      await rm(join(clone, 'shared'), { recursive: true });
      await rm(join(clone, 'absolute-link'));
      expect(await listTree(state)).toEqual(captured);
    });

    it('captures into the layout’s .staging-* name that renames to the final state name', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const layout = new StoreLayout(work);
      const version = 'pg15-0123456789abcdef';
      const id = 'a'.repeat(64);
      const src = join(work, 'build');
      await mkdir(layout.statesDir(version), { recursive: true, mode: 0o711 });
      await snapshotter.createVolume(src);
      await writeFixtureTree(src);
      await snapshotter.snapshot(src, layout.stagingStateDir(version, id, '0123456789abcdef'));
      await rename(layout.stagingStateDir(version, id, '0123456789abcdef'), layout.stateDir(version, id));
      expect(await readdir(layout.statesDir(version))).toEqual([id]);
      expect(await listTree(layout.stateDir(version, id))).toEqual(await listTree(src));

      await snapshotter.cloneForInstance(layout.stateDir(version, id), join(work, 'instance'));
      expect(await listTree(join(work, 'instance'))).toEqual(await listTree(src));
    });

    it('makes states read-only on disk exactly when caps.readOnlyStates says so', async () => {
      const { snapshotter } = ctx.env();
      const { state } = await capturedState();
      const outcome = await writeFile(join(state, 'pgdata', 'PG_VERSION'), '16\n').then(
        () => 'written',
        (error: unknown) => errnoOf(error),
      );
      expect(outcome).toBe(snapshotter.caps.readOnlyStates ? 'EROFS' : 'written');
    });

    it('with consumeSource captures the whole source, and keeps it unless caps.snapshotMayConsumeSource', async () => {
      const { snapshotter } = ctx.env();
      const work = await ctx.workDir();
      const src = join(work, 'build');
      await snapshotter.createVolume(src);
      await writeFixtureTree(src);
      const before = await listTree(src);
      await snapshotter.snapshot(src, join(work, 'state'), { consumeSource: true });
      expect(await listTree(join(work, 'state'))).toEqual(before);
      const remaining = (await readdir(work)).sort();
      if (snapshotter.caps.snapshotMayConsumeSource) {
        expect(remaining).toEqual(['state']);
      } else {
        expect(remaining).toEqual(['build', 'state']);
        expect(await listTree(src)).toEqual(before);
      }
    });
  });
}
