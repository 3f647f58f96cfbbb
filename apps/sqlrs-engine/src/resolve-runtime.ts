import type { EngineConfig } from '@sqlrs/contract';
import { createDockerRuntime, createProcessRuntime } from '@sqlrs/runtime';
import type { Runtime } from '@sqlrs/runtime';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Logger } from '@sqlrs/telemetry';

/** What the runtime choice needs from the engine. */
export interface ResolveRuntimeOptions {
  config: EngineConfig;
  layout: StoreLayout;
  storeId: string;
  logger: Logger;
  isPortTaken: (port: number) => boolean;
}

/**
 * Builds the runtime of `runtime.kind`, resolving `auto` once at startup (engine.md §7.1): Docker
 * when its daemon answers, else host processes when their binaries are found, else Docker, whose
 * probe then names the fix on every submit.
 */
export async function resolveRuntime(o: ResolveRuntimeOptions): Promise<Runtime> {
  const { runtime: rc } = o.config;
  const portRange = rc.portRange as [number, number];
  const docker = (): Runtime =>
    createDockerRuntime({
      network: rc.docker.network,
      storeId: o.storeId,
      portRange,
      isPortTaken: o.isPortTaken,
      limits: {
        ...(rc.docker.memoryBytes ? { memoryBytes: rc.docker.memoryBytes } : {}),
        ...(rc.docker.nanoCpus ? { nanoCpus: rc.docker.nanoCpus } : {}),
      },
      layout: o.layout,
      logger: o.logger.child({ component: 'runtime' }),
    });
  const processRuntime = (): Runtime =>
    createProcessRuntime({
      layout: o.layout,
      binDir: rc.process.binDir,
      user: rc.process.user,
      portRange,
      isPortTaken: o.isPortTaken,
      logger: o.logger.child({ component: 'runtime' }),
    });
  if (rc.kind === 'docker') return docker();
  if (rc.kind === 'process') return processRuntime();
  const viaDocker = docker();
  if ((await viaDocker.probe()).ok) return viaDocker;
  const viaProcess = processRuntime();
  if ((await viaProcess.probe()).ok) {
    o.logger.info('docker is not reachable; using host PostgreSQL processes (runtime.kind=auto)');
    return viaProcess;
  }
  return viaDocker;
}
