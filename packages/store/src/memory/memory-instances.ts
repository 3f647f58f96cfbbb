import type { InstanceRecord, InstanceStore } from '../instances.js';
import { storeErrors } from '../store-errors.js';
import { writeAudit } from './memory-audit.js';
import { namesByInstance, releaseBinding, toInstanceRecord } from './memory-derive.js';
import { type InstanceRow, type MemoryTables, applyPatch, byCreated } from './memory-tables.js';

/** Throws when another active instance holds the row's port. */
function checkPort(t: MemoryTables, row: InstanceRow): void {
  if (row.status !== 'active' || row.port === null) return;
  for (const other of t.instances.values()) {
    if (other.instanceId !== row.instanceId && other.status === 'active' && other.port === row.port) {
      throw storeErrors.taken('port', String(row.port));
    }
  }
}

/** Unbinds the name of an instance, if it has one. */
function unbindInstance(t: MemoryTables, instanceId: string): void {
  for (const row of [...t.names.values()]) {
    if (row.instanceId === instanceId) releaseBinding(t, row);
  }
}

/** The instance part of the in-memory store. */
export function memoryInstances(t: MemoryTables): InstanceStore {
  const record = (row: InstanceRow): InstanceRecord => toInstanceRecord(t, row, namesByInstance(t));
  const existing = (instanceId: string): InstanceRow => {
    const row = t.instances.get(instanceId);
    if (row === undefined) throw storeErrors.notFound('instance', instanceId);
    return row;
  };

  return {
    insertInstance(instance, audit = []) {
      return t.transaction(() => {
        if (t.instances.has(instance.instanceId)) throw storeErrors.exists('instance', instance.instanceId);
        if (instance.jobId !== null && !t.jobs.has(instance.jobId)) {
          throw storeErrors.missingReference('job', instance.jobId);
        }
        for (const other of t.instances.values()) {
          if (other.relDir === instance.relDir) throw storeErrors.taken('instance directory', instance.relDir);
        }
        const row: InstanceRow = {
          ...instance,
          lastResetAt: null,
          resetCount: 0,
          lastConnections: null,
          connectionsAt: null,
          lastActivityAt: null,
        };
        checkPort(t, row);
        t.set(t.instances, row.instanceId, row);
        writeAudit(t, audit);
        return record(row);
      });
    },
    updateInstance(instanceId, patch, audit = []) {
      return t.transaction(() => {
        const previous = existing(instanceId);
        const row = applyPatch(previous, patch);
        checkPort(t, row);
        t.set(t.instances, instanceId, row);
        if (row.status === 'expired' && previous.status !== 'expired') unbindInstance(t, instanceId);
        writeAudit(t, audit);
        return record(row);
      });
    },
    getInstance(instanceId) {
      t.assertOpen();
      const row = t.instances.get(instanceId);
      return row === undefined ? undefined : record(row);
    },
    listInstances(filter = {}) {
      t.assertOpen();
      const names = namesByInstance(t);
      return [...t.instances.values()]
        .map((row) => toInstanceRecord(t, row, names))
        .filter(
          (i) =>
            (filter.idPrefix === undefined || i.instanceId.startsWith(filter.idPrefix)) &&
            (filter.state === undefined || i.stateId === filter.state) &&
            (filter.image === undefined || i.imageId === filter.image || i.imageKey === filter.image) &&
            (filter.statuses === undefined || filter.statuses.includes(i.status)),
        )
        .sort(byCreated((i) => i.instanceId));
    },
    deleteInstances(instanceIds, audit = []) {
      t.transaction(() => {
        for (const instanceId of new Set(instanceIds)) {
          existing(instanceId);
          unbindInstance(t, instanceId);
          t.delete(t.instances, instanceId);
        }
        writeAudit(t, audit);
      });
    },
  };
}
