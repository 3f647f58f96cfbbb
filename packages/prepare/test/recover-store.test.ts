import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewState, StateRecord } from '@sqlrs/store';
import { NOW, harness, psqlRequest, settled } from './helpers/service-harness.js';

function newState(from: StateRecord, stateId: string): NewState {
  return { ...from, stateId, parentStateId: null, inputKind: 'image', inputId: from.imageKey, buildJobId: null, relPath: `x/${stateId}` };
}

describe('startup recovery (engine.md §10 steps 2, 3, 6)', () => {
  it('cleans tmp, staging, unfinished and lost states, fails running jobs and restarts queued ones', async () => {
    const h = await harness();
    const first = await settled(h.service, (await h.service.submit(psqlRequest(['-c', 'a', '-c', 'b']))).job_id);
    const steps = (first?.tasks ?? []).flatMap((t) => (t.type === 'state_execute' ? [t.output_state_id] : []));
    const [s1, s2] = steps as [string, string];
    const row = h.store.getState(s2) as StateRecord;
    const version = `pg15-${row.baseId.slice(0, 16)}`;
    const statesDir = h.layout.statesDir(version);
    await rm(h.layout.stateDir(version, s1), { recursive: true });
    const building = '1'.repeat(64);
    h.store.insertState(newState(row, building));
    await mkdir(h.layout.stateDir(version, building));
    const lost = '2'.repeat(64);
    h.store.insertState(newState(row, lost));
    h.store.markStateReady(lost, { readyAt: NOW, sizeApparentBytes: 1, sizeAllocatedBytes: 1, minRetentionUntil: null });
    const orphan = '3'.repeat(64);
    await mkdir(join(statesDir, orphan));
    await mkdir(join(statesDir, `.staging-${s2}-abcd`));
    await mkdir(join(h.layout.tmpDir, 'build-x-0'), { recursive: true });
    await writeFile(join(h.layout.tmpDir, 'stray'), '');
    const job = (id: string, createdAt: number) => ({
      jobId: id,
      prepareKind: 'psql' as const,
      planOnly: false,
      imageRef: 'postgres:15',
      name: null,
      ttlSeconds: null,
      requestJson: JSON.stringify(psqlRequest(['-c', 'a'])),
      prepareArgsNormalized: '-X -v ON_ERROR_STOP=1 -c a',
      deadlineAt: NOW + 3_600_000,
      createdAt,
    });
    const running = 'a'.repeat(32);
    h.store.insertJob(job(running, 1));
    h.store.appendJobEvents(running, [{ ts: 1, type: 'status', status: 'queued' }]);
    h.store.updateJob(running, { status: 'running', startedAt: 2 });
    const queued = 'b'.repeat(32);
    h.store.insertJob(job(queued, 3));
    h.store.appendJobEvents(queued, [{ ts: 3, type: 'status', status: 'queued' }]);

    const leftover = (id: string, purpose: 'build' | 'instance') =>
      ({ kind: 'process', id, purpose, ownerId: running, storeId: h.store.storeId(), running: true }) as const;
    h.runtime.listed = [leftover('process:900', 'build'), leftover('process:901', 'instance')];

    const service = h.restart();
    const report = await service.recover();
    expect(h.runtime.removed).toContain('process:900');
    expect(h.runtime.removed).not.toContain('process:901');
    expect(report).toEqual({
      tmpEntries: 2,
      stagingDirs: 1,
      buildingStates: 1,
      lostStates: 1,
      missingStates: 1,
      orphanStateDirs: 1,
      purgedFailedStates: 0,
      interruptedJobs: 1,
      timedOutJobs: 0,
      staleSandboxes: 1,
      queuedJobs: [queued],
    });
    expect((await readdir(statesDir)).sort()).toEqual([s2]);
    expect(new Map(h.store.listStates().map((s) => [s.stateId, s.status]))).toEqual(
      new Map([
        [s1, 'missing'],
        [s2, 'ready'],
      ]),
    );
    expect(h.store.listAudit().filter((a) => a.action === 'state.lost').map((a) => a.objectId).sort()).toEqual([lost, s1].sort());
    expect(service.getJob(running)).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(service.events.read(running, 0)?.events.map((e) => [e.seq, e.type, e.status])).toEqual([
      [0, 'status', 'queued'],
      [1, 'status', 'failed'],
      [2, 'error', undefined],
    ]);
    const restarted = await settled(service, queued);
    expect(restarted?.status).toBe('succeeded');
  });
});
