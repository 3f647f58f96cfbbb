import { type NameRecord, type NameStore, storeErrors } from '@sqlrs/store';
import { and, asc, eq, isNotNull, ne, or, type SQL } from 'drizzle-orm';
import { prepareNameBinding } from './name-binding.js';
import { ph, pickPlaceholders } from './placeholders.js';
import { selectNames } from './record-queries.js';
import { images, instances, names, prepareJobs } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the name part, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  return {
    row: db.select().from(names).where(eq(names.name, ph('name'))).prepare(),
    record: selectNames(ctx).where(eq(names.name, ph('name'))).prepare(),
    reserveNew: db
      .insert(names)
      .values({ name: ph('name'), reservedJobId: ph('reservedJobId'), createdAt: ph('at') })
      .prepare(),
    setReservation: db
      .update(names)
      .set(pickPlaceholders(names, ['reservedJobId']))
      .where(eq(names.name, ph('name')))
      .prepare(),
    bind: db
      .insert(names)
      .values({ name: ph('name'), instanceId: ph('instanceId'), stateId: ph('stateId'), reservedJobId: null, createdAt: ph('at') })
      .onConflictDoUpdate({ target: names.name, set: pickPlaceholders(names, ['instanceId', 'stateId', 'reservedJobId']) })
      .prepare(),
    remove: db.delete(names).where(eq(names.name, ph('name'))).prepare(),
    touch: db
      .update(names)
      .set(pickPlaceholders(names, ['lastUsedAt']))
      .where(eq(names.name, ph('name')))
      .prepare(),
    otherName: db
      .select({ name: names.name })
      .from(names)
      .where(and(eq(names.instanceId, ph('instanceId')), ne(names.name, ph('name'))))
      .prepare(),
    jobStatus: db.select({ status: prepareJobs.status }).from(prepareJobs).where(eq(prepareJobs.jobId, ph('id'))).prepare(),
    instance: db
      .select({ status: instances.status, stateId: instances.stateId })
      .from(instances)
      .where(eq(instances.instanceId, ph('id')))
      .prepare(),
  };
}

/** The name part of the SQLite store. */
export function sqliteNames(ctx: SqliteContext): NameStore {
  const q = prepareStatements(ctx);
  const binding = prepareNameBinding(ctx);
  const find = (name: string): NameRecord | undefined => q.record.get({ name });

  return {
    reserveName(name, { jobId, rebind, at }) {
      return ctx.tx(() => {
        if (q.jobStatus.get({ id: jobId }) === undefined) throw storeErrors.missingReference('job', jobId);
        const current = q.row.get({ name });
        if (current === undefined) {
          q.reserveNew.run({ name, reservedJobId: jobId, at });
          return stored(find(name), 'name', name);
        }
        if (current.reservedJobId !== null && current.reservedJobId !== jobId) {
          const holder = q.jobStatus.get({ id: current.reservedJobId });
          if (holder?.status === 'queued' || holder?.status === 'running') throw storeErrors.nameReserved(name, current.reservedJobId);
        }
        if (current.instanceId !== null && !rebind) {
          const bound = q.instance.get({ id: current.instanceId });
          if (bound !== undefined && bound.status !== 'expired') throw storeErrors.nameBound(name, current.instanceId);
        }
        q.setReservation.run({ name, reservedJobId: jobId });
        return stored(find(name), 'name', name);
      });
    },
    bindName(name, { instanceId, at }, audit = []) {
      return ctx.tx(() => {
        const instance = q.instance.get({ id: instanceId });
        if (instance === undefined) throw storeErrors.notFound('instance', instanceId);
        const other = q.otherName.get({ instanceId, name });
        if (other !== undefined) throw storeErrors.instanceNamed(instanceId, other.name);
        q.bind.run({ name, instanceId, stateId: instance.stateId, reservedJobId: null, at });
        ctx.writeAudit(audit);
        return stored(find(name), 'name', name);
      });
    },
    releaseNameReservation(name, jobId) {
      ctx.tx(() => {
        const current = q.row.get({ name });
        if (current === undefined || current.reservedJobId !== jobId) return;
        if (current.instanceId === null) q.remove.run({ name });
        else q.setReservation.run({ name, reservedJobId: null });
      });
    },
    unbindName(name, audit = []) {
      ctx.tx(() => {
        const current = q.row.get({ name });
        if (current === undefined || current.instanceId === null) throw storeErrors.notFound('name', name);
        binding.release(current);
        ctx.writeAudit(audit);
      });
    },
    touchName(name, at) {
      q.touch.run({ name, lastUsedAt: at });
    },
    getName(name) {
      return find(name);
    },
    listNames(filter = {}) {
      const conditions: SQL[] = [isNotNull(names.instanceId)];
      if (filter.instance !== undefined) conditions.push(eq(names.instanceId, filter.instance));
      if (filter.state !== undefined) conditions.push(eq(names.stateId, filter.state));
      if (filter.image !== undefined) {
        conditions.push(or(eq(instances.imageKey, filter.image), eq(images.displayRef, filter.image)) as SQL);
      }
      return selectNames(ctx)
        .where(and(...conditions))
        .orderBy(asc(names.createdAt), asc(names.name))
        .all();
    },
  };
}
