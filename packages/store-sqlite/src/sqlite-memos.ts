import type { MemoStore } from '@sqlrs/store';
import { asc, desc, eq, notInArray } from 'drizzle-orm';
import { columnPlaceholders, ph } from './placeholders.js';
import { fileHashMemo, lbPlanMemo } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';

/** The memo part of the SQLite store. */
export function sqliteMemos(ctx: SqliteContext): MemoStore {
  const { db } = ctx;
  const getFile = db.select().from(fileHashMemo).where(eq(fileHashMemo.path, ph('path'))).prepare();
  const putFile = db
    .insert(fileHashMemo)
    .values(columnPlaceholders(fileHashMemo))
    .onConflictDoUpdate({ target: fileHashMemo.path, set: columnPlaceholders(fileHashMemo, ['path']) })
    .prepare();
  const getPlan = db.select().from(lbPlanMemo).where(eq(lbPlanMemo.memoKey, ph('memoKey'))).prepare();
  const putPlan = db
    .insert(lbPlanMemo)
    .values(columnPlaceholders(lbPlanMemo))
    .onConflictDoUpdate({ target: lbPlanMemo.memoKey, set: columnPlaceholders(lbPlanMemo, ['memoKey']) })
    .prepare();

  return {
    getFileHashMemo(path) {
      return getFile.get({ path });
    },
    putFileHashMemo(memo) {
      putFile.run({ ...memo });
    },
    getLbPlanMemo(memoKey) {
      return getPlan.get({ memoKey });
    },
    putLbPlanMemo(memo) {
      putPlan.run({ ...memo });
    },
    trimMemos(maxRows) {
      const keep = Math.max(0, maxRows);
      return ctx.tx(() => {
        const newestFiles = db
          .select({ path: fileHashMemo.path })
          .from(fileHashMemo)
          .orderBy(desc(fileHashMemo.hashedAt), asc(fileHashMemo.path))
          .limit(keep);
        const newestPlans = db
          .select({ key: lbPlanMemo.memoKey })
          .from(lbPlanMemo)
          .orderBy(desc(lbPlanMemo.lastUsedAt), asc(lbPlanMemo.memoKey))
          .limit(keep);
        const files = db.delete(fileHashMemo).where(notInArray(fileHashMemo.path, newestFiles)).run().changes;
        const plans = db.delete(lbPlanMemo).where(notInArray(lbPlanMemo.memoKey, newestPlans)).run().changes;
        return files + plans;
      });
    },
  };
}
