import { parseRandomId } from '@sqlrs/id';
import type { InstanceLookup } from './instance-lookup.js';

/** Outcome of resolving a `/v1/instances/{x}` segment (api.md §5.3). */
export type InstanceRefResolution<I> =
  | { kind: 'instance'; instance: I }
  | { kind: 'redirect'; instanceId: string }
  | { kind: 'not_found' };

/**
 * Resolves an instance reference by api.md §5.3: an id-shaped reference of an existing instance is
 * served; otherwise a bound name redirects to its instance; otherwise not found. Prefixes are never
 * resolved here (lists take `id_prefix`).
 */
export function resolveInstanceRef<I>(ref: string, lookup: InstanceLookup<I>): InstanceRefResolution<I> {
  const id = parseRandomId(ref);
  if (id !== undefined) {
    const instance = lookup.instanceById(id);
    if (instance !== undefined) return { kind: 'instance', instance };
  }
  const boundId = lookup.instanceIdByName(ref);
  if (boundId !== undefined) return { kind: 'redirect', instanceId: boundId };
  return { kind: 'not_found' };
}

/**
 * Resolves a run's `instance_ref` the same way but follows a name to its instance instead of
 * redirecting (api.md §6).
 */
export function resolveRunTarget<I>(ref: string, lookup: InstanceLookup<I>): I | undefined {
  const first = resolveInstanceRef(ref, lookup);
  if (first.kind === 'instance') return first.instance;
  if (first.kind === 'redirect') return lookup.instanceById(first.instanceId);
  return undefined;
}
