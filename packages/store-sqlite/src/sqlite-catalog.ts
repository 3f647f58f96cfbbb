import { type BaseStore, type ImageStore, storeErrors } from '@sqlrs/store';
import { and, asc, eq, ne, or } from 'drizzle-orm';
import { columnPlaceholders, ph } from './placeholders.js';
import { bases, images, states } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';
import { stored } from './stored.js';

/** Statements of the image and base parts, prepared once per store. */
function prepareStatements(ctx: SqliteContext) {
  const { db } = ctx;
  return {
    image: db.select().from(images).where(eq(images.imageKey, ph('imageKey'))).prepare(),
    // An existing image keeps when it was first seen.
    upsertImage: db
      .insert(images)
      .values(columnPlaceholders(images))
      .onConflictDoUpdate({ target: images.imageKey, set: columnPlaceholders(images, ['imageKey', 'firstSeenAt']) })
      .prepare(),
    base: db.select().from(bases).where(eq(bases.baseId, ph('baseId'))).prepare(),
    upsertBase: db
      .insert(bases)
      .values(columnPlaceholders(bases))
      .onConflictDoUpdate({ target: bases.baseId, set: columnPlaceholders(bases, ['baseId']) })
      .prepare(),
    baseClash: db
      .select()
      .from(bases)
      .where(
        and(
          ne(bases.baseId, ph('baseId')),
          or(eq(bases.relPath, ph('relPath')), and(eq(bases.imageKey, ph('imageKey')), eq(bases.initSpecHash, ph('initSpecHash')))),
        ),
      )
      .prepare(),
    removeBase: db.delete(bases).where(eq(bases.baseId, ph('baseId'))).prepare(),
    stateOfBase: db.select({ id: states.stateId }).from(states).where(eq(states.baseId, ph('baseId'))).limit(1).prepare(),
  };
}

/** The image and base parts of the SQLite store. */
export function sqliteCatalog(ctx: SqliteContext): ImageStore & BaseStore {
  const { db } = ctx;
  const q = prepareStatements(ctx);
  return {
    upsertImage(image) {
      return ctx.tx(() => {
        q.upsertImage.run({ ...image });
        return stored(q.image.get({ imageKey: image.imageKey }), 'image', image.imageKey);
      });
    },
    getImage(imageKey) {
      return q.image.get({ imageKey });
    },
    listImages() {
      return db.select().from(images).orderBy(asc(images.firstSeenAt), asc(images.imageKey)).all();
    },
    upsertBase(base) {
      return ctx.tx(() => {
        if (q.image.get({ imageKey: base.imageKey }) === undefined) throw storeErrors.missingReference('image', base.imageKey);
        const clash = q.baseClash.get({ ...base });
        if (clash?.relPath === base.relPath) throw storeErrors.taken('base path', base.relPath);
        if (clash !== undefined) throw storeErrors.exists('base', clash.baseId);
        q.upsertBase.run({ ...base });
        return stored(q.base.get({ baseId: base.baseId }), 'base', base.baseId);
      });
    },
    getBase(baseId) {
      return q.base.get({ baseId });
    },
    listBases() {
      return db.select().from(bases).orderBy(asc(bases.createdAt), asc(bases.baseId)).all();
    },
    deleteBase(baseId) {
      ctx.tx(() => {
        stored(q.base.get({ baseId }), 'base', baseId);
        if (q.stateOfBase.get({ baseId }) !== undefined) throw storeErrors.inUse('base', baseId, 'states');
        q.removeBase.run({ baseId });
      });
    },
  };
}
