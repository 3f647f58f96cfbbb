import { type InstanceRecord, type InstanceStore, storeErrors } from '@sqlrs/store';
import { and, asc, eq, inArray, like, ne, or, type SQL } from 'drizzle-orm';
import { prepareNameBinding } from './name-binding.js';
import { applyPatch, columnPlaceholders, ph } from './placeholders.js';
import { selectInstances } from './record-queries.js';
import { images, instances, prepareJobs } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the instance part, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  return {
    byId: selectInstances(ctx).where(eq(instances.instanceId, ph('instanceId'))).prepare(),
    insert: db.insert(instances).values(columnPlaceholders(instances)).prepare(),
    update: db
      .update(instances)
      .set(columnPlaceholders(instances, ['instanceId']))
      .where(eq(instances.instanceId, ph('instanceId')))
      .prepare(),
    remove: db.delete(instances).where(eq(instances.instanceId, ph('instanceId'))).prepare(),
    jobExists: db.select({ id: prepareJobs.jobId }).from(prepareJobs).where(eq(prepareJobs.jobId, ph('id'))).prepare(),
    dirHolder: db.select({ id: instances.instanceId }).from(instances).where(eq(instances.relDir, ph('relDir'))).prepare(),
    portHolder: db
      .select({ id: instances.instanceId })
      .from(instances)
      .where(and(eq(instances.status, 'active'), eq(instances.port, ph('port')), ne(instances.instanceId, ph('instanceId'))))
      .prepare(),
  };
}

/** The instance part of the SQLite store. */
export function sqliteInstances(ctx: SqliteContext): InstanceStore {
  const q = prepareStatements(ctx);
  const binding = prepareNameBinding(ctx);
  const find = (instanceId: string): InstanceRecord | undefined => q.byId.get({ instanceId });
  const existing = (instanceId: string): InstanceRecord => stored(find(instanceId), 'instance', instanceId);
  const checkPort = (row: Pick<InstanceRecord, 'instanceId' | 'status' | 'port'>): void => {
    if (row.status !== 'active' || row.port === null) return;
    if (q.portHolder.get({ port: row.port, instanceId: row.instanceId }) !== undefined) {
      throw storeErrors.taken('port', String(row.port));
    }
  };

  return {
    insertInstance(instance, audit = []) {
      return ctx.tx(() => {
        if (find(instance.instanceId) !== undefined) throw storeErrors.exists('instance', instance.instanceId);
        if (instance.jobId !== null && q.jobExists.get({ id: instance.jobId }) === undefined) {
          throw storeErrors.missingReference('job', instance.jobId);
        }
        if (q.dirHolder.get({ relDir: instance.relDir }) !== undefined) throw storeErrors.taken('instance directory', instance.relDir);
        checkPort(instance);
        q.insert.run({ ...instance, lastResetAt: null, resetCount: 0, lastConnections: null, connectionsAt: null, lastActivityAt: null });
        ctx.writeAudit(audit);
        return existing(instance.instanceId);
      });
    },
    updateInstance(instanceId, patch, audit = []) {
      return ctx.tx(() => {
        const previous = existing(instanceId);
        const row = applyPatch(previous, patch);
        checkPort(row);
        q.update.run({ ...row });
        if (row.status === 'expired' && previous.status !== 'expired') binding.unbindInstance(instanceId);
        ctx.writeAudit(audit);
        return existing(instanceId);
      });
    },
    getInstance(instanceId) {
      return find(instanceId);
    },
    listInstances(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.idPrefix !== undefined) conditions.push(like(instances.instanceId, `${filter.idPrefix}%`));
      if (filter.state !== undefined) conditions.push(eq(instances.stateId, filter.state));
      if (filter.image !== undefined) {
        conditions.push(or(eq(instances.imageKey, filter.image), eq(images.displayRef, filter.image)) as SQL);
      }
      if (filter.statuses !== undefined) conditions.push(inArray(instances.status, [...filter.statuses]));
      return selectInstances(ctx)
        .where(and(...conditions))
        .orderBy(asc(instances.createdAt), asc(instances.instanceId))
        .all();
    },
    deleteInstances(instanceIds, audit = []) {
      ctx.tx(() => {
        for (const instanceId of new Set(instanceIds)) {
          existing(instanceId);
          binding.unbindInstance(instanceId);
          q.remove.run({ instanceId });
        }
        ctx.writeAudit(audit);
      });
    },
  };
}
