import type { InstanceRecord } from '../instances.js';
import type { NameRecord } from '../names.js';
import type { StateRecord } from '../states.js';
import type { InstanceRow, MemoryTables, NameRow, StateRow } from './memory-tables.js';

/** The resolved image reference of an image key, or the key when the image is unknown. */
function imageIdOf(t: MemoryTables, imageKey: string): string {
  return t.images.get(imageKey)?.displayRef ?? imageKey;
}

/** Non-expired instances per state id. */
export function refcounts(t: MemoryTables): Map<string, number> {
  const counts = new Map<string, number>();
  for (const instance of t.instances.values()) {
    if (instance.status !== 'expired') counts.set(instance.stateId, (counts.get(instance.stateId) ?? 0) + 1);
  }
  return counts;
}

/** A state row with its image and refcount. */
export function toStateRecord(t: MemoryTables, row: StateRow, counts: Map<string, number>): StateRecord {
  const imageKey = t.bases.get(row.baseId)?.imageKey ?? '';
  return { ...row, imageKey, imageId: imageIdOf(t, imageKey), refcount: counts.get(row.stateId) ?? 0 };
}

/** The name bound to each instance. */
export function namesByInstance(t: MemoryTables): Map<string, string> {
  const byInstance = new Map<string, string>();
  for (const row of t.names.values()) {
    if (row.instanceId !== null) byInstance.set(row.instanceId, row.name);
  }
  return byInstance;
}

/** An instance row with its name and resolved image. */
export function toInstanceRecord(t: MemoryTables, row: InstanceRow, names: Map<string, string>): InstanceRecord {
  return { ...row, name: names.get(row.instanceId) ?? null, imageId: imageIdOf(t, row.imageKey) };
}

/** A name row with its bound instance's resolved image. */
export function toNameRecord(t: MemoryTables, row: NameRow): NameRecord {
  const instance = row.instanceId === null ? undefined : t.instances.get(row.instanceId);
  return { ...row, imageId: instance === undefined ? null : imageIdOf(t, instance.imageKey) };
}

/** Removes an instance's name binding; a row that a job still reserves stays, unbound. */
export function releaseBinding(t: MemoryTables, row: NameRow): void {
  if (row.reservedJobId === null) t.delete(t.names, row.name);
  else t.set(t.names, row.name, { ...row, instanceId: null, stateId: null });
}
