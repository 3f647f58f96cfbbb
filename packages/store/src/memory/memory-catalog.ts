import type { BaseStore } from '../bases.js';
import type { ImageStore } from '../images.js';
import type { MetaStore } from '../meta.js';
import { storeErrors } from '../store-errors.js';
import { type MemoryTables, byCreated, compareText } from './memory-tables.js';

/** The meta, image and base parts of the in-memory store. */
export function memoryCatalog(t: MemoryTables): MetaStore & ImageStore & BaseStore {
  return {
    storeId() {
      t.assertOpen();
      return t.meta.storeId;
    },
    meta() {
      t.assertOpen();
      return { ...t.meta };
    },
    upsertImage(image) {
      return t.transaction(() => {
        const existing = t.images.get(image.imageKey);
        const row = { ...image, firstSeenAt: existing?.firstSeenAt ?? image.firstSeenAt };
        t.set(t.images, image.imageKey, row);
        return { ...row };
      });
    },
    getImage(imageKey) {
      t.assertOpen();
      const row = t.images.get(imageKey);
      return row === undefined ? undefined : { ...row };
    },
    listImages() {
      t.assertOpen();
      return [...t.images.values()]
        .sort((a, b) => a.firstSeenAt - b.firstSeenAt || compareText(a.imageKey, b.imageKey))
        .map((row) => ({ ...row }));
    },
    upsertBase(base) {
      return t.transaction(() => {
        if (!t.images.has(base.imageKey)) throw storeErrors.missingReference('image', base.imageKey);
        for (const other of t.bases.values()) {
          if (other.baseId === base.baseId) continue;
          if (other.relPath === base.relPath) throw storeErrors.taken('base path', base.relPath);
          if (other.imageKey === base.imageKey && other.initSpecHash === base.initSpecHash) {
            throw storeErrors.exists('base', other.baseId);
          }
        }
        t.set(t.bases, base.baseId, { ...base });
        return { ...base };
      });
    },
    getBase(baseId) {
      t.assertOpen();
      const row = t.bases.get(baseId);
      return row === undefined ? undefined : { ...row };
    },
    listBases() {
      t.assertOpen();
      return [...t.bases.values()].sort(byCreated((row) => row.baseId)).map((row) => ({ ...row }));
    },
    deleteBase(baseId) {
      t.transaction(() => {
        if (!t.bases.has(baseId)) throw storeErrors.notFound('base', baseId);
        for (const state of t.states.values()) {
          if (state.baseId === baseId) throw storeErrors.inUse('base', baseId, 'states');
        }
        t.delete(t.bases, baseId);
      });
    },
  };
}
