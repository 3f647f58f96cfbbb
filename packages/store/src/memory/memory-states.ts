import type { NewState, StateRecord, StateStore } from '../states.js';
import { storeErrors } from '../store-errors.js';
import { writeAudit } from './memory-audit.js';
import { refcounts, toStateRecord } from './memory-derive.js';
import { type MemoryTables, type StateRow, byCreated } from './memory-tables.js';

/** Checks the references and unique path of a state about to be written. */
function checkNewState(t: MemoryTables, state: NewState): void {
  if (!t.bases.has(state.baseId)) throw storeErrors.missingReference('base', state.baseId);
  if (state.parentStateId !== null && !t.states.has(state.parentStateId)) {
    throw storeErrors.missingReference('state', state.parentStateId);
  }
  if (state.buildJobId !== null && !t.jobs.has(state.buildJobId)) {
    throw storeErrors.missingReference('job', state.buildJobId);
  }
  for (const other of t.states.values()) {
    if (other.stateId !== state.stateId && other.relPath === state.relPath) {
      throw storeErrors.taken('state path', state.relPath);
    }
  }
}

/** The state part of the in-memory store. */
export function memoryStates(t: MemoryTables): StateStore {
  const record = (row: StateRow): StateRecord => toStateRecord(t, row, refcounts(t));
  const existing = (stateId: string): StateRow => {
    const row = t.states.get(stateId);
    if (row === undefined) throw storeErrors.notFound('state', stateId);
    return row;
  };
  const save = (row: StateRow): StateRecord => {
    t.set(t.states, row.stateId, row);
    return record(row);
  };

  return {
    insertState(state) {
      return t.transaction(() => {
        const previous = t.states.get(state.stateId);
        if (previous !== undefined && (previous.status === 'building' || previous.status === 'ready')) {
          throw storeErrors.exists('state', state.stateId);
        }
        checkNewState(t, state);
        return save({
          ...state,
          status: 'building',
          errorJson: null,
          readyAt: null,
          lastUsedAt: previous?.lastUsedAt ?? null,
          useCount: previous?.useCount ?? 0,
          createdAt: previous?.createdAt ?? state.createdAt,
          sizeApparentBytes: null,
          sizeAllocatedBytes: null,
          sizeExclusiveBytes: null,
          sizeMeasuredAt: null,
          minRetentionUntil: null,
        });
      });
    },
    markStateReady(stateId, ready, audit = []) {
      return t.transaction(() => {
        const row = existing(stateId);
        if (row.status !== 'building') throw storeErrors.stateStatus(stateId, row.status, 'building');
        const saved = save({ ...row, ...ready, status: 'ready', errorJson: null });
        writeAudit(t, audit);
        return saved;
      });
    },
    markStateFailed(stateId, errorJson) {
      return t.transaction(() => {
        const row = existing(stateId);
        if (row.status !== 'building') throw storeErrors.stateStatus(stateId, row.status, 'building');
        return save({ ...row, status: 'failed', errorJson });
      });
    },
    markStateMissing(stateId, audit = []) {
      return t.transaction(() => {
        const row = existing(stateId);
        if (row.status !== 'ready') throw storeErrors.stateStatus(stateId, row.status, 'ready');
        const saved = save({ ...row, status: 'missing' });
        writeAudit(t, audit);
        return saved;
      });
    },
    setStateSizes(stateId, sizes) {
      return t.transaction(() => save({ ...existing(stateId), ...sizes }));
    },
    touchStates(stateIds, at) {
      t.transaction(() => {
        for (const stateId of new Set(stateIds)) {
          const row = t.states.get(stateId);
          if (row !== undefined) t.set(t.states, stateId, { ...row, lastUsedAt: at, useCount: row.useCount + 1 });
        }
      });
    },
    getState(stateId) {
      t.assertOpen();
      const row = t.states.get(stateId);
      return row === undefined ? undefined : record(row);
    },
    listStates(filter = {}) {
      t.assertOpen();
      const counts = refcounts(t);
      return [...t.states.values()]
        .map((row) => toStateRecord(t, row, counts))
        .filter(
          (s) =>
            (filter.idPrefix === undefined || s.stateId.startsWith(filter.idPrefix)) &&
            (filter.kind === undefined || s.prepareKind === filter.kind) &&
            (filter.image === undefined || s.imageId === filter.image || s.imageKey === filter.image) &&
            (filter.statuses === undefined || filter.statuses.includes(s.status)),
        )
        .sort(byCreated((s) => s.stateId));
    },
    deleteStates(stateIds, audit = []) {
      t.transaction(() => {
        const doomed = new Set(stateIds);
        const rows = [...doomed].map(existing).sort((a, b) => b.depth - a.depth);
        for (const row of rows) {
          for (const instance of t.instances.values()) {
            if (instance.stateId === row.stateId && instance.status !== 'expired') {
              throw storeErrors.inUse('state', row.stateId, 'instances');
            }
          }
          for (const child of t.states.values()) {
            if (child.parentStateId === row.stateId && !doomed.has(child.stateId)) {
              throw storeErrors.inUse('state', row.stateId, 'child states');
            }
          }
          for (const name of t.names.values()) {
            if (name.stateId === row.stateId) throw storeErrors.inUse('state', row.stateId, 'names');
          }
        }
        for (const instance of [...t.instances.values()]) {
          if (doomed.has(instance.stateId)) t.delete(t.instances, instance.instanceId);
        }
        for (const row of rows) t.delete(t.states, row.stateId);
        writeAudit(t, audit);
      });
    },
  };
}
