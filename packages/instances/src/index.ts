// Instances: creation from ready states (with SCRAM passwords), runs of psql/pgbench, reconciliation.
export { INSTANCE_PERMITS, createInstanceService } from './instance-service.js';
export type { InstanceCreator, InstanceService, InstanceServiceConfig, InstanceServiceOptions } from './instance-service.js';
export type { CreateInstanceRequest } from './create-instance.js';
export type { InstanceLogger } from './instance-context.js';
export type { ReconcileOptions } from './reconcile-instances.js';
export type { PreparedRun, RunService } from './run-service.js';
export { SCRAM_ITERATIONS, scramSha256Verifier } from './scram-verifier.js';
export { MAX_CHUNK_BYTES, textChunkSink } from './chunk-events.js';
export type { TextChunkSink } from './chunk-events.js';
export { MAX_ACTIVE_RUNS } from './run-service.js';
export { FifoSemaphore } from './fifo-semaphore.js';
export type { Release } from './fifo-semaphore.js';
export type { CapacityGuard } from './capacity-guard.js';
export { EXPIRY_SWEEP_INTERVAL_MS } from './expire-instances.js';
export type { ExpirySweep } from './expire-instances.js';
export type { LockRelease } from './instance-locks.js';
export type { ResetOptions } from './reset-instance.js';
