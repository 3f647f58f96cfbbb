// Seeds a state store with `count` ready states (a forest of short chains) through the store's
// public API, as if the engine had built them.
import { openSqliteStore } from '@sqlrs/store-sqlite';

const hex = (n, width) => n.toString(16).padStart(width, '0');

export function seedStates(statePath, count) {
  const store = openSqliteStore({ path: statePath, engineVersion: 'bench' });
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  const imageKey = `docker:sha256:${'a'.repeat(64)}`;
  const baseId = 'b'.repeat(64);
  store.transaction(() => {
    store.upsertImage({
      imageKey, runtimeKind: 'docker', displayRef: `sqlrs-test/postgres:15@sha256:${'a'.repeat(64)}`,
      repoDigest: null, platform: 'linux/amd64', pgMajor: 15, pgVersion: '15.18', runUid: 101, runGid: 104,
      locales: 'C', firstSeenAt: t0, lastUsedAt: t0,
    });
    store.upsertBase({
      baseId, imageKey, initSpecHash: 'c'.repeat(64), initSpecJson: '{}', relPath: 'engines/postgres/pg15-bbbbbbbbbbbbbbbb/base',
      status: 'ready', sizeAllocatedBytes: 40_000_000, createdAt: t0, readyAt: t0, lastUsedAt: null,
    });
    for (let i = 0; i < count; i += 1) {
      const stateId = hex(i + 1, 64);
      // Chains of four: every fourth state starts on the base.
      const parentStateId = i % 4 === 0 ? null : hex(i, 64);
      store.insertState({
        stateId, baseId, parentStateId, inputKind: parentStateId === null ? 'image' : 'state',
        inputId: parentStateId ?? imageKey, taskHash: hex(i + 7, 64), prepareKind: i % 3 === 0 ? 'lb' : 'psql',
        depth: i % 4, argsSummary: `-f /work/app/step-${i}.sql`,
        prepareArgsNormalized: `-X -v ON_ERROR_STOP=1 -f /work/app/step-${i}.sql`, stepJson: null, buildJobId: null,
        relPath: `engines/postgres/pg15-bbbbbbbbbbbbbbbb/states/${stateId}`, snapshotter: 'copy', createdAt: t0 + i,
      });
      store.markStateReady(stateId, {
        readyAt: t0 + i + 1, sizeApparentBytes: 50_000_000, sizeAllocatedBytes: 41_943_040, minRetentionUntil: t0 + i + 600_000,
      });
    }
  });
  store.close();
}
