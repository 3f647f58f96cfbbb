import { type NewState, type StateRecord, type StateStore, storeErrors } from '@sqlrs/store';
import { and, asc, eq, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { applyPatch, columnPlaceholders, ph, pickPlaceholders } from './placeholders.js';
import { selectStates } from './record-queries.js';
import { bases, images, instances, names, prepareJobs, states } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the state part, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  return {
    byId: selectStates(ctx).where(eq(states.stateId, ph('stateId'))).prepare(),
    insert: db.insert(states).values(columnPlaceholders(states)).prepare(),
    update: db
      .update(states)
      .set(columnPlaceholders(states, ['stateId']))
      .where(eq(states.stateId, ph('stateId')))
      .prepare(),
    touch: db
      .update(states)
      .set({ ...pickPlaceholders(states, ['lastUsedAt']), useCount: sql`${states.useCount} + 1` })
      .where(eq(states.stateId, ph('stateId')))
      .prepare(),
    remove: db.delete(states).where(eq(states.stateId, ph('stateId'))).prepare(),
    removeTombstones: db.delete(instances).where(eq(instances.stateId, ph('stateId'))).prepare(),
    baseExists: db.select({ id: bases.baseId }).from(bases).where(eq(bases.baseId, ph('id'))).prepare(),
    stateExists: db.select({ id: states.stateId }).from(states).where(eq(states.stateId, ph('id'))).prepare(),
    jobExists: db.select({ id: prepareJobs.jobId }).from(prepareJobs).where(eq(prepareJobs.jobId, ph('id'))).prepare(),
    pathHolder: db
      .select({ id: states.stateId })
      .from(states)
      .where(and(eq(states.relPath, ph('relPath')), ne(states.stateId, ph('stateId'))))
      .prepare(),
    liveInstance: db
      .select({ id: instances.instanceId })
      .from(instances)
      .where(and(eq(instances.stateId, ph('stateId')), ne(instances.status, 'expired')))
      .limit(1)
      .prepare(),
    children: db.select({ id: states.stateId }).from(states).where(eq(states.parentStateId, ph('stateId'))).prepare(),
    namedBy: db.select({ name: names.name }).from(names).where(eq(names.stateId, ph('stateId'))).limit(1).prepare(),
  };
}

/** The state part of the SQLite store. */
export function sqliteStates(ctx: SqliteContext): StateStore {
  const q = prepareStatements(ctx);
  const find = (stateId: string): StateRecord | undefined => q.byId.get({ stateId });
  const existing = (stateId: string): StateRecord => stored(find(stateId), 'state', stateId);
  const save = (row: StateRecord): StateRecord => {
    q.update.run({ ...row });
    return existing(row.stateId);
  };
  const checkNewState = (state: NewState): void => {
    if (q.baseExists.get({ id: state.baseId }) === undefined) throw storeErrors.missingReference('base', state.baseId);
    if (state.parentStateId !== null && q.stateExists.get({ id: state.parentStateId }) === undefined) {
      throw storeErrors.missingReference('state', state.parentStateId);
    }
    if (state.buildJobId !== null && q.jobExists.get({ id: state.buildJobId }) === undefined) {
      throw storeErrors.missingReference('job', state.buildJobId);
    }
    if (q.pathHolder.get({ relPath: state.relPath, stateId: state.stateId }) !== undefined) {
      throw storeErrors.taken('state path', state.relPath);
    }
  };

  return {
    insertState(state) {
      return ctx.tx(() => {
        const previous = find(state.stateId);
        if (previous !== undefined && (previous.status === 'building' || previous.status === 'ready')) {
          throw storeErrors.exists('state', state.stateId);
        }
        checkNewState(state);
        const fresh = {
          ...state,
          status: 'building' as const,
          errorJson: null,
          readyAt: null,
          sizeApparentBytes: null,
          sizeAllocatedBytes: null,
          sizeExclusiveBytes: null,
          sizeMeasuredAt: null,
          minRetentionUntil: null,
        };
        if (previous === undefined) {
          q.insert.run({ ...fresh, lastUsedAt: null, useCount: 0 });
          return existing(state.stateId);
        }
        // A rebuild of a failed or missing state keeps its creation time and use statistics.
        return save({ ...previous, ...fresh, createdAt: previous.createdAt });
      });
    },
    markStateReady(stateId, ready, audit = []) {
      return ctx.tx(() => {
        const row = existing(stateId);
        if (row.status !== 'building') throw storeErrors.stateStatus(stateId, row.status, 'building');
        const saved = save({ ...row, ...ready, status: 'ready', errorJson: null });
        ctx.writeAudit(audit);
        return saved;
      });
    },
    markStateFailed(stateId, errorJson) {
      return ctx.tx(() => {
        const row = existing(stateId);
        if (row.status !== 'building') throw storeErrors.stateStatus(stateId, row.status, 'building');
        return save({ ...row, status: 'failed', errorJson });
      });
    },
    markStateMissing(stateId, audit = []) {
      return ctx.tx(() => {
        const row = existing(stateId);
        if (row.status !== 'ready') throw storeErrors.stateStatus(stateId, row.status, 'ready');
        const saved = save({ ...row, status: 'missing' });
        ctx.writeAudit(audit);
        return saved;
      });
    },
    setStateSizes(stateId, sizes) {
      return ctx.tx(() => save(applyPatch(existing(stateId), sizes)));
    },
    touchStates(stateIds, at) {
      ctx.tx(() => {
        for (const stateId of new Set(stateIds)) q.touch.run({ stateId, lastUsedAt: at });
      });
    },
    getState(stateId) {
      return find(stateId);
    },
    listStates(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.idPrefix !== undefined) conditions.push(like(states.stateId, `${filter.idPrefix}%`));
      if (filter.kind !== undefined) conditions.push(eq(states.prepareKind, filter.kind));
      if (filter.image !== undefined) {
        conditions.push(or(eq(images.displayRef, filter.image), eq(images.imageKey, filter.image)) as SQL);
      }
      if (filter.statuses !== undefined) conditions.push(inArray(states.status, [...filter.statuses]));
      return selectStates(ctx)
        .where(and(...conditions))
        .orderBy(asc(states.createdAt), asc(states.stateId))
        .all();
    },
    deleteStates(stateIds, audit = []) {
      ctx.tx(() => {
        const doomed = new Set(stateIds);
        const rows = [...doomed].map(existing).sort((a, b) => b.depth - a.depth);
        for (const { stateId } of rows) {
          if (q.liveInstance.get({ stateId }) !== undefined) throw storeErrors.inUse('state', stateId, 'instances');
          if (q.children.all({ stateId }).some((child) => !doomed.has(child.id))) {
            throw storeErrors.inUse('state', stateId, 'child states');
          }
          if (q.namedBy.get({ stateId }) !== undefined) throw storeErrors.inUse('state', stateId, 'names');
        }
        // One row at a time, deepest first: the parent FK is RESTRICT, checked per row.
        for (const { stateId } of rows) {
          q.removeTombstones.run({ stateId });
          q.remove.run({ stateId });
        }
        ctx.writeAudit(audit);
      });
    },
  };
}
