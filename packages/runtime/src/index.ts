// Sandbox runtimes: PostgreSQL servers in Docker containers or as host processes, and their shared helpers.
export type {
  ChunkSink,
  ClientSpec,
  ExecSpec,
  InitSpec,
  LineSink,
  ResolvedImage,
  Runtime,
  RuntimeKind,
  RuntimeProbe,
  RuntimeRef,
  Sandbox,
  SandboxPurpose,
  StartSpec,
} from './runtime.js';
export { DB_SHUTDOWNED, assertCleanShutdown, readPgControlState } from './pg-control.js';
export { PG_HBA_CONF } from './pg-hba.js';
export { findOnPath, isExecutableFile } from './executables.js';
export { lineSplitter } from './line-splitter.js';
export { sandboxQuery } from './sandbox-query.js';
export type { LineWriter } from './line-splitter.js';
export { PortAllocator } from './port-allocator.js';
export type { PortAllocatorOptions } from './port-allocator.js';
export { createProcessRuntime } from './process/create-process-runtime.js';
export type { ProcessRuntimeOptions } from './process/process-runtime.js';
export { createDockerRuntime } from './docker/create-docker-runtime.js';
export type { DockerRuntimeOptions } from './docker/create-docker-runtime.js';
