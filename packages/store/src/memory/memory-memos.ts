import type { MemoStore } from '../memos.js';
import { type MemoryTables, compareText } from './memory-tables.js';

/** Removes all but the `maxRows` newest rows by `stamp`; returns how many went. */
function trim<T>(t: MemoryTables, table: Map<string, T>, maxRows: number, stamp: (row: T) => number): number {
  const ordered = [...table.entries()].sort(([ka, a], [kb, b]) => stamp(b) - stamp(a) || compareText(ka, kb));
  const doomed = ordered.slice(Math.max(0, maxRows));
  for (const [key] of doomed) t.delete(table, key);
  return doomed.length;
}

/** The memo part of the in-memory store. */
export function memoryMemos(t: MemoryTables): MemoStore {
  return {
    getFileHashMemo(path) {
      t.assertOpen();
      const memo = t.fileMemos.get(path);
      return memo === undefined ? undefined : { ...memo };
    },
    putFileHashMemo(memo) {
      t.transaction(() => t.set(t.fileMemos, memo.path, { ...memo }));
    },
    getLbPlanMemo(memoKey) {
      t.assertOpen();
      const memo = t.lbMemos.get(memoKey);
      return memo === undefined ? undefined : { ...memo };
    },
    putLbPlanMemo(memo) {
      t.transaction(() => t.set(t.lbMemos, memo.memoKey, { ...memo }));
    },
    trimMemos(maxRows) {
      return t.transaction(
        () =>
          trim(t, t.fileMemos, maxRows, (row) => row.hashedAt) + trim(t, t.lbMemos, maxRows, (row) => row.lastUsedAt),
      );
    },
  };
}
