import { eq, getTableColumns, sql } from 'drizzle-orm';
import { bases, images, instances, names, states } from './schema.js';
import type { SqliteContext } from './sqlite-context.js';

/** States joined with their image; refcount by an indexed subquery, so a list is one query. */
export function selectStates(ctx: SqliteContext) {
  return ctx.db
    .select({
      ...getTableColumns(states),
      imageKey: bases.imageKey,
      imageId: images.displayRef,
      refcount: sql<number>`(SELECT count(*) FROM ${instances} WHERE ${instances.stateId} = ${states.stateId} AND ${instances.status} <> 'expired')`.mapWith(Number),
    })
    .from(states)
    .innerJoin(bases, eq(bases.baseId, states.baseId))
    .innerJoin(images, eq(images.imageKey, bases.imageKey));
}

/** Instances joined with their bound name and resolved image (the key when the image is unknown). */
export function selectInstances(ctx: SqliteContext) {
  return ctx.db
    .select({
      ...getTableColumns(instances),
      name: names.name,
      imageId: sql<string>`coalesce(${images.displayRef}, ${instances.imageKey})`,
    })
    .from(instances)
    .leftJoin(names, eq(names.instanceId, instances.instanceId))
    .leftJoin(images, eq(images.imageKey, instances.imageKey));
}

/** Names joined with their bound instance's resolved image (null while only reserved). */
export function selectNames(ctx: SqliteContext) {
  return ctx.db
    .select({
      ...getTableColumns(names),
      imageId: sql<string | null>`CASE WHEN ${instances.instanceId} IS NULL THEN NULL ELSE coalesce(${images.displayRef}, ${instances.imageKey}) END`,
    })
    .from(names)
    .leftJoin(instances, eq(instances.instanceId, names.instanceId))
    .leftJoin(images, eq(images.imageKey, instances.imageKey));
}
