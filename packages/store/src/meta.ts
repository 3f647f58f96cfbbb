/** Layout version of the state store this build writes (engine.md §5.1); newer ones are refused. */
export const STORE_LAYOUT_VERSION = 1;

/** Store-wide facts kept in the `meta` table, written once when the store is created. */
export interface StoreMeta {
  /** 32 hex, made at creation and never changed; used in container labels. */
  storeId: string;
  layoutVersion: number;
  createdAt: number;
  createdByVersion: string;
}

/** Read access to the store-wide facts. */
export interface MetaStore {
  /** The stable id of this state store. */
  storeId(): string;
  /** Every store-wide fact. */
  meta(): StoreMeta;
}
