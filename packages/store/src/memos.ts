/** A memoised content hash of an input file (table `file_hash_memo`). */
export interface FileHashMemo {
  path: string;
  dev: number;
  ino: number;
  size: number;
  /** Nanosecond times as decimal text (they exceed 2^53). */
  mtimeNs: string;
  ctimeNs: string;
  sha256: string;
  hashedAt: number;
}

/** A memoised Liquibase plan (table `lb_plan_memo`). */
export interface LbPlanMemo {
  memoKey: string;
  planJson: string;
  createdAt: number;
  lastUsedAt: number;
}

/** Persistence of the hashing and planning memos. */
export interface MemoStore {
  /** The memo of a path, or undefined. */
  getFileHashMemo(path: string): FileHashMemo | undefined;
  /** Inserts or replaces a path's memo. */
  putFileHashMemo(memo: FileHashMemo): void;
  /** The memo under a key, or undefined. */
  getLbPlanMemo(memoKey: string): LbPlanMemo | undefined;
  /** Inserts or replaces a plan memo. */
  putLbPlanMemo(memo: LbPlanMemo): void;
  /** Keeps the `maxRows` most recently used rows of each memo table; returns how many were removed. */
  trimMemos(maxRows: number): number;
}
