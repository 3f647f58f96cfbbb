// The state store on disk: root resolution, path layout, engine.json, the store lock and config.json.
export { resolveStoreRoot } from './store-root.js';
export type { StoreRootSources } from './store-root.js';
export { StoreLayout } from './store-layout.js';
export { ensureStoreDirs } from './ensure-store-dirs.js';
export type { EnsureStoreDirsOptions } from './ensure-store-dirs.js';
export { validateStoreRoot } from './validate-store-root.js';
export type { StoreRootInfo } from './validate-store-root.js';
export { instanceSocketDir } from './instance-socket-dir.js';
export type { SocketDirOptions } from './instance-socket-dir.js';
export { writeFileAtomic } from './write-file-atomic.js';
export { readEngineJson, removeEngineJson, writeEngineJson } from './engine-json.js';
export type { EngineJson } from './engine-json.js';
export { isPidAlive, readBootId, readProcStart } from './proc-info.js';
export { acquireStoreLock } from './store-lock.js';
export type { StoreLock, StoreLockOptions } from './store-lock.js';
export { openConfigService } from './config-service.js';
export type { ConfigService, ConfigServiceOptions } from './config-service.js';
