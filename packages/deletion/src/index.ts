// Deletion trees of instances and states (recurse, force, dry_run) and their execution, rows before data (engine.md §12).
export { createDeletionService } from './deletion-service.js';
export type { DeletionService, DeletionServiceOptions } from './deletion-service.js';
export type { InstanceHandle, Release, StateGuard } from './deletion-context.js';
export type { BlockReason, DeleteAnswer, DeleteNode, DeleteResult } from './delete-tree.js';
