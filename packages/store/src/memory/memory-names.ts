import type { NameStore } from '../names.js';
import { storeErrors } from '../store-errors.js';
import { writeAudit } from './memory-audit.js';
import { releaseBinding, toNameRecord } from './memory-derive.js';
import { type MemoryTables, type NameRow, byCreated } from './memory-tables.js';

/** The name part of the in-memory store. */
export function memoryNames(t: MemoryTables): NameStore {
  const save = (row: NameRow) => {
    t.set(t.names, row.name, row);
    return toNameRecord(t, row);
  };

  return {
    reserveName(name, { jobId, rebind, at }) {
      return t.transaction(() => {
        if (!t.jobs.has(jobId)) throw storeErrors.missingReference('job', jobId);
        const row = t.names.get(name);
        if (row === undefined) {
          return save({ name, instanceId: null, stateId: null, reservedJobId: jobId, createdAt: at, lastUsedAt: null });
        }
        if (row.reservedJobId !== null && row.reservedJobId !== jobId) {
          const holder = t.jobs.get(row.reservedJobId);
          if (holder !== undefined && (holder.status === 'queued' || holder.status === 'running')) {
            throw storeErrors.nameReserved(name, row.reservedJobId);
          }
        }
        if (row.instanceId !== null && !rebind) {
          const bound = t.instances.get(row.instanceId);
          if (bound !== undefined && bound.status !== 'expired') throw storeErrors.nameBound(name, row.instanceId);
        }
        return save({ ...row, reservedJobId: jobId });
      });
    },
    bindName(name, { instanceId, at }, audit = []) {
      return t.transaction(() => {
        const instance = t.instances.get(instanceId);
        if (instance === undefined) throw storeErrors.notFound('instance', instanceId);
        for (const other of t.names.values()) {
          if (other.instanceId === instanceId && other.name !== name) {
            throw storeErrors.instanceNamed(instanceId, other.name);
          }
        }
        const row = t.names.get(name);
        const saved = save({
          name,
          instanceId,
          stateId: instance.stateId,
          reservedJobId: null,
          createdAt: row?.createdAt ?? at,
          lastUsedAt: row?.lastUsedAt ?? null,
        });
        writeAudit(t, audit);
        return saved;
      });
    },
    releaseNameReservation(name, jobId) {
      t.transaction(() => {
        const row = t.names.get(name);
        if (row === undefined || row.reservedJobId !== jobId) return;
        if (row.instanceId === null) t.delete(t.names, name);
        else t.set(t.names, name, { ...row, reservedJobId: null });
      });
    },
    unbindName(name, audit = []) {
      t.transaction(() => {
        const row = t.names.get(name);
        if (row === undefined || row.instanceId === null) throw storeErrors.notFound('name', name);
        releaseBinding(t, row);
        writeAudit(t, audit);
      });
    },
    touchName(name, at) {
      t.transaction(() => {
        const row = t.names.get(name);
        if (row !== undefined) t.set(t.names, name, { ...row, lastUsedAt: at });
      });
    },
    getName(name) {
      t.assertOpen();
      const row = t.names.get(name);
      return row === undefined ? undefined : toNameRecord(t, row);
    },
    listNames(filter = {}) {
      t.assertOpen();
      return [...t.names.values()]
        .filter((row) => row.instanceId !== null)
        .map((row) => ({ record: toNameRecord(t, row), imageKey: t.instances.get(row.instanceId ?? '')?.imageKey }))
        .filter(
          ({ record, imageKey }) =>
            (filter.instance === undefined || record.instanceId === filter.instance) &&
            (filter.state === undefined || record.stateId === filter.state) &&
            (filter.image === undefined || record.imageId === filter.image || imageKey === filter.image),
        )
        .map(({ record }) => record)
        .sort(byCreated((n) => n.name));
    },
  };
}
