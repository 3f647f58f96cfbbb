import { SqlrsError } from '@sqlrs/errors';
import { toHex } from '@sqlrs/id';
import { STORE_LAYOUT_VERSION, type StoreMeta } from '@sqlrs/store';
import { meta } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';

/** What creating the store's facts needs. */
export interface StoreMetaOptions {
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  engineVersion: string;
}

/** The error for a store that a newer engine wrote (engine.md §5.3: the engine exits with 3). */
export function newerEngineError(details: string): SqlrsError {
  return new SqlrsError('unavailable', 'store was written by a newer engine; upgrade sqlrs or use another --state-store', {
    details,
    data: { exitCode: 3 },
  });
}

/** Reads the store's facts, writing them once when the store is new. */
export function ensureStoreMeta(ctx: SqliteContext, options: StoreMetaOptions): StoreMeta {
  return ctx.tx(() => {
    const rows = new Map(ctx.db.select().from(meta).all().map((row) => [row.key, row.value]));
    if (!rows.has('store_id')) {
      const created = {
        store_id: toHex(options.randomBytes(16)),
        layout_version: String(STORE_LAYOUT_VERSION),
        created_at: String(options.now()),
        created_by_version: options.engineVersion,
      };
      ctx.db
        .insert(meta)
        .values(Object.entries(created).map(([key, value]) => ({ key, value })))
        .onConflictDoNothing()
        .run();
      for (const [key, value] of Object.entries(created)) if (!rows.has(key)) rows.set(key, value);
    }
    const layoutVersion = Number(rows.get('layout_version') ?? STORE_LAYOUT_VERSION);
    if (layoutVersion > STORE_LAYOUT_VERSION) {
      throw newerEngineError(`layout version ${layoutVersion}, this build knows up to ${STORE_LAYOUT_VERSION}`);
    }
    return {
      storeId: rows.get('store_id') ?? '',
      layoutVersion,
      createdAt: Number(rows.get('created_at') ?? 0),
      createdByVersion: rows.get('created_by_version') ?? '',
    };
  });
}
