/** What the registry needs to resolve instance references; the store provides it. */
export interface InstanceLookup<I> {
  /** The instance with this exact (lowercase) id, if any. */
  instanceById(id: string): I | undefined;
  /** The id of the instance a name is bound to, if the name is bound. */
  instanceIdByName(name: string): string | undefined;
}
