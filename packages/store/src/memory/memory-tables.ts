import type { AuditEventRecord } from '../audit.js';
import type { BaseRecord } from '../bases.js';
import type { ImageRecord } from '../images.js';
import type { InstanceRecord } from '../instances.js';
import type { JobEventRecord } from '../job-events.js';
import type { JobRecord } from '../jobs.js';
import type { FileHashMemo, LbPlanMemo } from '../memos.js';
import type { StoreMeta } from '../meta.js';
import type { NameRecord } from '../names.js';
import type { StateRecord } from '../states.js';
import type { TaskRecord } from '../tasks.js';

/** A stored state without the fields derived from joins. */
export type StateRow = Omit<StateRecord, 'imageKey' | 'imageId' | 'refcount'>;
/** A stored instance without its name and resolved image. */
export type InstanceRow = Omit<InstanceRecord, 'name' | 'imageId'>;
/** A stored name without its resolved image. */
export type NameRow = Omit<NameRecord, 'imageId'>;

/**
 * The in-memory tables of the fake store with an undo log, so a failing transaction (or a
 * failing nested one) leaves no trace, as SQLite savepoints do.
 */
export class MemoryTables {
  readonly images = new Map<string, ImageRecord>();
  readonly bases = new Map<string, BaseRecord>();
  readonly states = new Map<string, StateRow>();
  readonly instances = new Map<string, InstanceRow>();
  readonly names = new Map<string, NameRow>();
  readonly jobs = new Map<string, JobRecord>();
  /** Keyed by `taskKey(jobId, taskId)`. */
  readonly tasks = new Map<string, TaskRecord>();
  /** Keyed by `eventKey(jobId, seq)`. */
  readonly events = new Map<string, JobEventRecord>();
  readonly audit = new Map<number, AuditEventRecord>();
  readonly fileMemos = new Map<string, FileHashMemo>();
  readonly lbMemos = new Map<string, LbPlanMemo>();
  private nextAuditId = 1;
  private readonly undo: Array<() => void> = [];
  private depth = 0;
  private closed = false;

  constructor(readonly meta: StoreMeta) {}

  /** Sets a row, remembering how to undo it. */
  set<K, V>(table: Map<K, V>, key: K, row: V): void {
    this.assertOpen();
    const had = table.has(key);
    const previous = table.get(key);
    this.undo.push(() => {
      if (had) table.set(key, previous as V);
      else table.delete(key);
    });
    table.set(key, row);
  }

  /** Deletes a row, remembering how to undo it. */
  delete<K, V>(table: Map<K, V>, key: K): void {
    this.assertOpen();
    if (!table.has(key)) return;
    const previous = table.get(key) as V;
    this.undo.push(() => table.set(key, previous));
    table.delete(key);
  }

  /** The next audit id, like SQLite's AUTOINCREMENT (restored on rollback). */
  takeAuditId(): number {
    const id = this.nextAuditId;
    this.undo.push(() => {
      this.nextAuditId = id;
    });
    this.nextAuditId = id + 1;
    return id;
  }

  /** Runs `fn` atomically; nested calls roll back only their own part when they throw. */
  transaction<T>(fn: () => T): T {
    this.assertOpen();
    const mark = this.undo.length;
    this.depth += 1;
    try {
      const result = fn();
      if (result instanceof Promise) {
        throw new TypeError('Transaction function cannot return a promise');
      }
      return result;
    } catch (err) {
      while (this.undo.length > mark) this.undo.pop()?.();
      throw err;
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.undo.length = 0;
    }
  }

  /** Makes every later call fail, as on a closed database. */
  close(): void {
    this.closed = true;
  }

  /** Throws when the store was closed. */
  assertOpen(): void {
    if (this.closed) throw new TypeError('The store is closed');
  }
}

/** The key of a task row. */
export function taskKey(jobId: string, taskId: string): string {
  return `${jobId}\u0000${taskId}`;
}

/** The key of an event row. */
export function eventKey(jobId: string, seq: number): string {
  return `${jobId}\u0000${seq}`;
}

/** Copies the fields of `patch` that are not undefined onto `row`. */
export function applyPatch<T extends object>(row: T, patch: Partial<NoInfer<T>>): T {
  const next = { ...row };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Orders rows by `createdAt`, then by their id. */
export function byCreated<T extends { createdAt: number }>(id: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => a.createdAt - b.createdAt || compareText(id(a), id(b));
}

/** Compares strings by code unit, as SQLite's BINARY collation does. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
