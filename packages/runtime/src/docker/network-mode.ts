/** `runtime.docker.network` (api.md §8). */
export type DockerNetworkSetting = 'auto' | 'host' | 'bridge';

/** How sandbox containers are networked once `auto` is resolved. */
export type DockerNetworkMode = 'host' | 'bridge';

/** Where the daemon is: a local unix socket, or anything else (TCP, SSH, a named pipe). */
export type DaemonAddress = { kind: 'unix'; path: string } | { kind: 'remote'; address: string };

/** The facts of `GET /info` that decide `auto`. */
export interface DaemonInfo {
  OSType?: string;
  OperatingSystem?: string;
}

/** The default daemon socket when neither an option nor `DOCKER_HOST` names one. */
const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** The daemon address from an explicit socket path, else `DOCKER_HOST`, else the default socket. */
export function daemonAddress(socketPath: string | undefined, dockerHost: string | undefined): DaemonAddress {
  if (socketPath !== undefined && socketPath !== '') return { kind: 'unix', path: socketPath };
  if (dockerHost === undefined || dockerHost === '') return { kind: 'unix', path: DEFAULT_DOCKER_SOCKET };
  if (dockerHost.startsWith('unix://')) {
    return { kind: 'unix', path: dockerHost.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET };
  }
  return { kind: 'remote', address: dockerHost };
}

/** The address as shown in messages: the socket path, or `DOCKER_HOST`'s value. */
export function describeDaemonAddress(address: DaemonAddress): string {
  return address.kind === 'unix' ? address.path : address.address;
}

/**
 * Resolves the network setting (engine.md §7.2): `auto` is `host` when the daemon is reached
 * through a local unix socket and runs Linux natively (not Docker Desktop's VM), else `bridge`.
 */
export function resolveNetworkMode(
  setting: DockerNetworkSetting,
  address: DaemonAddress,
  info: DaemonInfo,
): DockerNetworkMode {
  if (setting !== 'auto') return setting;
  const native =
    address.kind === 'unix' &&
    info.OSType === 'linux' &&
    !(info.OperatingSystem ?? '').includes('Docker Desktop');
  return native ? 'host' : 'bridge';
}
