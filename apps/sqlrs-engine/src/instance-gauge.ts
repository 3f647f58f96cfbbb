import type { Store } from '@sqlrs/store';
import type { Metrics } from '@sqlrs/telemetry';

const STATUSES = ['active', 'stopped', 'expired', 'failed'] as const;

/** Sets `sqlrs_instances{status}` from the store (api.md §3.4); called after each reaper pass. */
export function updateInstanceGauge(store: Store, metrics: Pick<Metrics, 'instances'>): void {
  const counts = new Map<string, number>(STATUSES.map((s) => [s, 0]));
  for (const instance of store.listInstances()) counts.set(instance.status, (counts.get(instance.status) ?? 0) + 1);
  for (const [status, n] of counts) metrics.instances.set({ status }, n);
}
