// Live client connection counts of instances, read from pg_stat_activity (engine.md §11).
export { DEFAULT_COUNT_TIMEOUT_MS, ENGINE_APPLICATION_NAME, connectionsOf, countAt, createConnTracker } from './conn-tracker.js';
export type { ConnCount, ConnTracker, ConnTrackerOptions, InstanceEndpoint } from './conn-tracker.js';
