import type Dockerode from 'dockerode';
import { serverSettings, settingsArgv } from '../server-settings.js';
import type { SandboxPurpose } from '../runtime.js';
import type { DockerNetworkMode } from './network-mode.js';

/** Where the data directory (the one holding `pgdata/`) is mounted inside a container. */
export const CONTAINER_DATA_DIR = '/var/lib/postgresql/data';
/** PGDATA inside a container. */
export const CONTAINER_PGDATA = `${CONTAINER_DATA_DIR}/pgdata`;
/** Where the socket directory is mounted inside a container (the server's `unix_socket_directories`). */
const CONTAINER_SOCKET_DIR = '/var/run/postgresql';
/** The port PostgreSQL listens on inside a bridge-networked container. */
export const BRIDGE_INNER_PORT = 5432;
/** `ShmSize` unless the start spec says otherwise (Docker's 64 MiB breaks parallel query). */
const DEFAULT_SHM_BYTES = 256 * 1024 * 1024;
/** `PidsLimit` of every sandbox container. */
const PIDS_LIMIT = 512;

/** The uid:gid a container runs as, and the generated identity files bound over `/etc` (non-root engine). */
export interface ContainerUser {
  uid: number;
  gid: number;
  /** Host paths of the generated `passwd` and `group` declaring `postgres` with this uid/gid. */
  identityFiles?: { passwd: string; group: string };
}

/** Everything a server container is made of; the runtime fills it from a `StartSpec`. */
export interface ServerContainerInput {
  name: string;
  /** The image `Id` (`sha256:<hex>`), so a re-tagged image cannot change under a state. */
  imageId: string;
  /** The image's `postgres` binary (the entrypoint). */
  postgresPath: string;
  pgMajor: number;
  purpose: 'build' | 'instance' | 'plan';
  ownerId: string;
  storeId: string;
  dataDir: string;
  socketDir: string;
  inputDirs: string[];
  network: DockerNetworkMode;
  /** Host port: required with host networking (postgres listens on it); bridge publishes 5432 on it, or on a port Docker picks when absent. */
  port?: number;
  /** User settings; the engine-owned ones are added on top. */
  settings: Record<string, string>;
  user: ContainerUser;
  limits: { memoryBytes?: number; nanoCpus?: number; shmBytes?: number };
}

/** Labels that tie a container to its store and owner (engine.md §7.2). */
export function sandboxLabels(storeId: string, purpose: SandboxPurpose, ownerId: string): Record<string, string> {
  const labels: Record<string, string> = { 'sqlrs.store': storeId, 'sqlrs.kind': purpose };
  if (ownerId === '') return labels;
  if (purpose === 'instance' || purpose === 'run') labels['sqlrs.instance'] = ownerId;
  else labels['sqlrs.job'] = ownerId;
  return labels;
}

/** Container name per engine.md §7.2: `sqlrs-<store_id[0:8]>-i-<instance>`, `-b-<job>-<n>`, `-p-<job>`. */
export function containerName(storeId: string, purpose: 'build' | 'instance' | 'plan', ownerId: string, n: number): string {
  const prefix = `sqlrs-${storeId.slice(0, 8)}`;
  switch (purpose) {
    case 'instance':
      return `${prefix}-i-${ownerId}`;
    case 'build':
      return `${prefix}-b-${ownerId}-${n}`;
    case 'plan':
      return `${prefix}-p-${ownerId}`;
  }
}

function bind(source: string, target: string, readOnly: boolean): Dockerode.MountSettings {
  return { Type: 'bind', Source: source, Target: target, ReadOnly: readOnly };
}

/** What a container mounts: data directory, socket directory (servers only), read-only inputs, identity files. */
export interface MountInput {
  dataDir: string;
  socketDir?: string;
  inputDirs: string[];
  user: ContainerUser;
}

/**
 * Bind mounts of a sandbox. The socket directory is mounted at `/var/run/postgresql` and also at
 * its host path, so a host-side socket path given to `exec` works inside the container too.
 */
export function sandboxMounts(input: MountInput): Dockerode.MountSettings[] {
  const mounts = [bind(input.dataDir, CONTAINER_DATA_DIR, false)];
  if (input.socketDir !== undefined) {
    mounts.push(bind(input.socketDir, CONTAINER_SOCKET_DIR, false));
    if (input.socketDir !== CONTAINER_SOCKET_DIR) mounts.push(bind(input.socketDir, input.socketDir, false));
  }
  for (const dir of input.inputDirs) mounts.push(bind(dir, dir, true));
  if (input.user.identityFiles !== undefined) {
    mounts.push(bind(input.user.identityFiles.passwd, '/etc/passwd', true));
    mounts.push(bind(input.user.identityFiles.group, '/etc/group', true));
  }
  return mounts;
}

/**
 * The `POST /containers/create` body of a server sandbox (engine.md §7.2): the image's `postgres`
 * as entrypoint, engine-owned settings as `-c` options, host networking on the allocated port or
 * bridge with 5432 published on 127.0.0.1 only, and the sandbox limits.
 */
export function serverContainerSpec(input: ServerContainerInput): Dockerode.ContainerCreateOptions {
  const host = input.network === 'host';
  if (host && input.port === undefined) throw new Error('host networking needs an allocated port');
  const innerPort = host ? (input.port ?? 0) : BRIDGE_INNER_PORT;
  const settings = {
    ...input.settings,
    ...serverSettings(input.purpose, {
      port: innerPort,
      listenAddresses: host ? '127.0.0.1' : '*',
      socketDir: CONTAINER_SOCKET_DIR,
      pgMajor: input.pgMajor,
    }),
  };
  const hostConfig: Dockerode.HostConfig = {
    Mounts: sandboxMounts(input),
    NetworkMode: host ? 'host' : 'bridge',
    RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    PidsLimit: PIDS_LIMIT,
    ShmSize: input.limits.shmBytes ?? DEFAULT_SHM_BYTES,
  };
  if (!host) hostConfig.PortBindings = { [`${BRIDGE_INNER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: input.port === undefined ? '' : String(input.port) }] };
  if (input.limits.memoryBytes !== undefined) hostConfig.Memory = input.limits.memoryBytes;
  if (input.limits.nanoCpus !== undefined) hostConfig.NanoCpus = input.limits.nanoCpus;
  const spec: Dockerode.ContainerCreateOptions = {
    name: input.name,
    Image: input.imageId,
    Entrypoint: [input.postgresPath],
    Cmd: ['-D', CONTAINER_PGDATA, ...settingsArgv(settings)],
    Env: [`PGDATA=${CONTAINER_PGDATA}`],
    User: `${input.user.uid}:${input.user.gid}`,
    Labels: sandboxLabels(input.storeId, input.purpose, input.ownerId),
    StopSignal: 'SIGINT',
    HostConfig: hostConfig,
  };
  if (!host) spec.ExposedPorts = { [`${BRIDGE_INNER_PORT}/tcp`]: {} };
  return spec;
}

/** The host port Docker published for 5432 in bridge mode, from `GET /containers/<id>/json`. */
export function publishedPort(inspect: Pick<Dockerode.ContainerInspectInfo, 'NetworkSettings'>): number | undefined {
  const bindings = inspect.NetworkSettings.Ports?.[`${BRIDGE_INNER_PORT}/tcp`] ?? [];
  const port = Number(bindings.find((entry) => entry.HostIp === '127.0.0.1')?.HostPort ?? bindings[0]?.HostPort);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
