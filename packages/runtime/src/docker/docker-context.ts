import { chmod, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Logger } from '@sqlrs/telemetry';
import type { PortAllocator } from '../port-allocator.js';
import type { ResolvedImage } from '../runtime.js';
import type { ContainerUser } from './container-spec.js';
import type { DockerImages } from './docker-images.js';
import { writeIdentityFiles } from './identity-files.js';
import type { EngineUser } from './identity-files.js';
import type { DockerNetworkMode } from './network-mode.js';

/** What every part of the Docker runtime shares; built once by `createDockerRuntime`. */
export interface DockerContext {
  docker: Dockerode;
  /** The daemon address as shown in messages. */
  address: string;
  /** Store id for labels of containers that no `StartSpec` describes (image probes, initBase). */
  storeId: string | undefined;
  layout: StoreLayout;
  logger: Pick<Logger, 'debug' | 'warn'> | undefined;
  engineUser: EngineUser;
  images: DockerImages;
  ports: PortAllocator;
  limits: { memoryBytes?: number; nanoCpus?: number };
  /** `host` or `bridge`, resolved on first use and then fixed. */
  networkMode(): Promise<DockerNetworkMode>;
}

/**
 * The uid:gid that runs `initdb` and `postgres` (engine.md §7.2): the image's postgres user when
 * the engine is root, else the engine's own uid with generated passwd/group files.
 */
export async function serverUser(context: DockerContext, image: ResolvedImage): Promise<ContainerUser> {
  const { uid, gid } = context.engineUser;
  if (uid === 0) return { uid: image.runUid, gid: image.runGid };
  const dir = join(context.layout.tmpDir, `docker-identity-${uid}-${gid}`);
  return { uid, gid, identityFiles: await writeIdentityFiles(dir, { uid, gid }) };
}

/**
 * Creates `dir` as 0700 owned by `user` (a PGDATA or socket directory). As root, directories it
 * has to create above it are 0711, so the server uid can traverse them (engine.md §5.1).
 */
export async function ensureOwnedDir(context: DockerContext, dir: string, user: ContainerUser): Promise<void> {
  const root = context.engineUser.uid === 0;
  await mkdir(dir, { recursive: true, mode: root ? 0o711 : 0o700 });
  await chmod(dir, 0o700);
  if (root) await chown(dir, user.uid, user.gid);
}

/** `sqlrs.store` (when known) and `sqlrs.kind=init` for throw-away containers. */
export function initLabels(storeId: string | undefined): Record<string, string> {
  const labels: Record<string, string> = { 'sqlrs.kind': 'init' };
  if (storeId !== undefined) labels['sqlrs.store'] = storeId;
  return labels;
}
