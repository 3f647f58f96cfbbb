import { eq } from 'drizzle-orm';
import { ph } from './placeholders.js';
import { names } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';

/** A stored name row. */
type NameRow = typeof names.$inferSelect;

/** How bindings are released, shared by names and instances. */
export interface NameBindingStatements {
  /** Removes a name's binding; a row that a job still reserves stays, unbound. */
  release(row: NameRow): void;
  /** Releases the binding of the name bound to an instance, if any. */
  unbindInstance(instanceId: string): void;
}

/** Prepares the statements that release name bindings. */
export function prepareNameBinding(ctx: SqliteContext): NameBindingStatements {
  const { db } = ctx;
  const remove = db.delete(names).where(eq(names.name, ph('name'))).prepare();
  const unbind = db.update(names).set({ instanceId: null, stateId: null }).where(eq(names.name, ph('name'))).prepare();
  const byInstance = db.select().from(names).where(eq(names.instanceId, ph('instanceId'))).prepare();
  const release = (row: NameRow): void => {
    if (row.reservedJobId === null) remove.run({ name: row.name });
    else unbind.run({ name: row.name });
  };
  return {
    release,
    unbindInstance(instanceId) {
      const row = byInstance.get({ instanceId });
      if (row !== undefined) release(row);
    },
  };
}
