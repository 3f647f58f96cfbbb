import type { PrepareContext } from './prepare-context.js';

/** Sets `sqlrs_prepare_jobs{status}` to the stored number of queued and running jobs (api.md §3.4). */
export function updateJobGauge(ctx: PrepareContext): void {
  const gauge = ctx.metrics?.prepareJobs;
  if (gauge === undefined) return;
  const rows = ctx.store.listJobs({ statuses: ['queued', 'running'] });
  gauge.set({ status: 'queued' }, rows.filter((j) => j.status === 'queued').length);
  gauge.set({ status: 'running' }, rows.filter((j) => j.status === 'running').length);
}
