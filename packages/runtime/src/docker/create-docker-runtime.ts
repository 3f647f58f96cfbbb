import Dockerode from 'dockerode';
import type { StoreLayout } from '@sqlrs/statefs';
import type { Logger } from '@sqlrs/telemetry';
import { PortAllocator } from '../port-allocator.js';
import type { Runtime, RuntimeRef, SandboxPurpose } from '../runtime.js';
import type { DockerContext } from './docker-context.js';
import { initLabels } from './docker-context.js';
import { dockerFailure } from './docker-errors.js';
import { dockerExec } from './docker-exec.js';
import { DockerImages } from './docker-images.js';
import { dockerInitBase } from './docker-init-base.js';
import { dockerProbe } from './docker-probe.js';
import { dockerRunClient } from './docker-run-client.js';
import { removeContainer } from './remove-container.js';
import { dockerStart } from './docker-start.js';
import { dockerStop } from './docker-stop.js';
import type { EngineUser } from './identity-files.js';
import { daemonAddress, describeDaemonAddress, resolveNetworkMode } from './network-mode.js';
import type { DockerNetworkMode, DockerNetworkSetting } from './network-mode.js';

/** The Docker Engine API version the runtime speaks (Docker 20.10); nothing newer is used. */
export const DOCKER_API_VERSION = 'v1.41';

const DEFAULT_PORT_RANGE: [number, number] = [15432, 16431];
const PURPOSES: readonly SandboxPurpose[] = ['build', 'instance', 'plan', 'init', 'run'];

/** Configuration and collaborators of the Docker runtime (`runtime.docker.*`, api.md §8). */
export interface DockerRuntimeOptions {
  /** A ready client; by default one is made for `socketPath`, else `DOCKER_HOST`, else `/var/run/docker.sock`. */
  docker?: Dockerode;
  socketPath?: string;
  /** The store's id: labels containers that no `StartSpec` describes (image probes, initBase). */
  storeId?: string;
  network: DockerNetworkSetting;
  /** Host ports for host networking (`runtime.portRange`, default 15432–16431). */
  portRange?: [number, number];
  /** Ports held by instance rows, skipped without a bind probe. */
  isPortTaken?: (port: number) => boolean;
  limits?: { memoryBytes?: number; nanoCpus?: number };
  layout: StoreLayout;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  /** The engine's uid/gid (default: this process's); root decides who owns data (engine.md §7.2). */
  engineUser?: EngineUser;
  /** `DOCKER_HOST` as seen by the engine (default: `process.env.DOCKER_HOST`). */
  dockerHost?: string;
}

function currentUser(): EngineUser {
  return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
}

function refOf(container: Dockerode.ContainerInfo, storeId: string): RuntimeRef {
  const labels = container.Labels;
  const kind = labels['sqlrs.kind'] as SandboxPurpose | undefined;
  return {
    kind: 'docker',
    id: container.Id,
    purpose: kind !== undefined && PURPOSES.includes(kind) ? kind : 'init',
    ownerId: labels['sqlrs.instance'] ?? labels['sqlrs.job'] ?? '',
    storeId,
    running: container.State === 'running',
  };
}

/**
 * The Docker runtime (engine.md §7.2): PostgreSQL sandboxes as dockerode-managed containers
 * labelled with their store, bind-mounting data and socket directories, running as the image's
 * postgres uid, on host networking or bridge with a port published on 127.0.0.1 only.
 */
export function createDockerRuntime(options: DockerRuntimeOptions): Runtime {
  const address = daemonAddress(options.socketPath, options.dockerHost ?? process.env.DOCKER_HOST);
  const shownAddress = describeDaemonAddress(address);
  const docker =
    options.docker ??
    new Dockerode({ version: DOCKER_API_VERSION, ...(address.kind === 'unix' ? { socketPath: address.path } : {}) });
  let network: Promise<DockerNetworkMode> | undefined;
  const context: DockerContext = {
    docker,
    address: shownAddress,
    storeId: options.storeId,
    layout: options.layout,
    logger: options.logger,
    engineUser: options.engineUser ?? currentUser(),
    images: new DockerImages({ docker, address: shownAddress, labels: initLabels(options.storeId) }),
    ports: new PortAllocator({
      range: options.portRange ?? DEFAULT_PORT_RANGE,
      ...(options.isPortTaken === undefined ? {} : { isTaken: options.isPortTaken }),
    }),
    limits: options.limits ?? {},
    networkMode() {
      if (network === undefined) {
        const resolving = (async () => {
          if (options.network !== 'auto') return options.network;
          try {
            return resolveNetworkMode('auto', address, (await docker.info()) as { OSType?: string; OperatingSystem?: string });
          } catch (error) {
            throw dockerFailure(error, 'reading the daemon info', shownAddress);
          }
        })();
        network = resolving;
        // Only a successful answer is kept: a daemon that was down is asked again next time.
        resolving.catch(() => (network = undefined));
      }
      return network;
    },
  };

  return {
    kind: 'docker',
    probe: () => dockerProbe(context),
    resolveImage: (ref, resolveOptions) => context.images.resolve(ref, resolveOptions),
    initBase: (image, dataDir, spec, sink) => dockerInitBase(context, image, dataDir, spec, sink),
    start: (spec) => dockerStart(context, spec),
    exec: (sandbox, spec, sink, signal) => dockerExec(context, sandbox, spec, sink, signal),
    runClient: (sandbox, spec, out, signal) => dockerRunClient(context, sandbox, spec, out, signal),
    stop: (sandbox, stopOptions) => dockerStop(context, sandbox, stopOptions),
    remove: (ref) => removeContainer(docker, ref, shownAddress),
    async list(storeId) {
      try {
        const containers = await docker.listContainers({ all: true, filters: { label: [`sqlrs.store=${storeId}`] } });
        return containers.map((container) => refOf(container, storeId));
      } catch (error) {
        throw dockerFailure(error, `listing the containers of store ${storeId}`, shownAddress);
      }
    },
  };
}
