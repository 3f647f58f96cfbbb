/** Lifecycle of a base cluster directory. */
export type BaseStatus = 'building' | 'ready' | 'failed';

/** An empty cluster made by initdb from one image under one init spec (table `bases`). */
export interface BaseRecord {
  baseId: string;
  imageKey: string;
  initSpecHash: string;
  initSpecJson: string;
  /** Directory relative to the state store root. */
  relPath: string;
  status: BaseStatus;
  sizeAllocatedBytes: number | null;
  createdAt: number;
  readyAt: number | null;
  lastUsedAt: number | null;
}

/** Persistence of bases. */
export interface BaseStore {
  /** Inserts or replaces a base; its image must exist (`conflict` otherwise). */
  upsertBase(base: BaseRecord): BaseRecord;
  /** The base with this id, or undefined. */
  getBase(baseId: string): BaseRecord | undefined;
  /** Every base, oldest first. */
  listBases(): BaseRecord[];
  /** Deletes a base; `conflict` while states use it, `not_found` when absent. */
  deleteBase(baseId: string): void;
}
