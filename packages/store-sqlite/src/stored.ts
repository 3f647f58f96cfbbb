import { type StoreObjectKind, storeErrors } from '@sqlrs/store';

/** The row a change just wrote or checked; its absence means the caller named an unknown row. */
export function stored<T>(row: T | undefined, kind: StoreObjectKind, id: string): T {
  if (row === undefined) throw storeErrors.notFound(kind, id);
  return row;
}
