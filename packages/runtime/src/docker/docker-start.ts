import { basename, dirname } from 'node:path';
import type Dockerode from 'dockerode';
import { SqlrsError, isSqlrsError } from '@sqlrs/errors';
import { BOOTSTRAP_USER } from '../init-commands.js';
import type { Sandbox, StartSpec } from '../runtime.js';
import { lastLines, waitReady } from '../wait-ready.js';
import { BRIDGE_INNER_PORT, containerName, publishedPort, serverContainerSpec } from './container-spec.js';
import { ensureOwnedDir, serverUser } from './docker-context.js';
import type { DockerContext } from './docker-context.js';
import { daemonMessage, dockerFailure, isNotFound, statusCodeOf } from './docker-errors.js';
import { framesText } from './demux.js';

// A taken port found only when postgres binds it (host networking): try the next one (engine.md §7.1).
const BIND_ATTEMPTS = 3;
const COULD_NOT_BIND = /could not bind|could not create any TCP\/IP sockets/;
const BUILD_DIR = /^build-[0-9a-f]+-(\d+)$/;

/** The `<n>` of a build sandbox name, read from its `tmp/build-<job>-<n>` directory (0 when not one). */
export function buildNumber(dataDir: string): number {
  const match = BUILD_DIR.exec(basename(dataDir)) ?? BUILD_DIR.exec(basename(dirname(dataDir)));
  return match === null ? 0 : Number(match[1]);
}

/** The last lines of a container's log (postgres logs to stderr), for error details. */
async function containerLogTail(container: Dockerode.Container, lines = 50): Promise<string> {
  const logs = await container.logs({ stdout: true, stderr: true, tail: lines, follow: false });
  return lastLines(framesText(logs), lines);
}

async function removeQuietly(container: Dockerode.Container): Promise<void> {
  await container.remove({ force: true }).catch(() => undefined);
}

// A same-named container of this store that is not running is a leftover of an earlier start on
// the same directory (a restart after stop); anything else is a real conflict.
async function createContainer(context: DockerContext, options: Dockerode.ContainerCreateOptions, storeId: string): Promise<Dockerode.Container> {
  try {
    return await context.docker.createContainer(options);
  } catch (error) {
    if (isNotFound(error)) {
      throw new SqlrsError('unavailable', `image ${options.Image ?? ''} is no longer present in the Docker engine; load it again, then retry`, {
        details: daemonMessage(error),
        cause: error,
      });
    }
    if (statusCodeOf(error) !== 409 || options.name === undefined) {
      throw dockerFailure(error, `creating container ${options.name ?? ''}`, context.address);
    }
    const existing = context.docker.getContainer(options.name);
    const info = await existing.inspect().catch(() => undefined);
    if (info === undefined || info.Config.Labels['sqlrs.store'] !== storeId || info.State.Running) {
      throw new SqlrsError('conflict', `container ${options.name} already exists; stop and remove it first`, {
        details: daemonMessage(error),
        cause: error,
      });
    }
    await existing.remove({ force: true }).catch((removeError: unknown) => {
      if (!isNotFound(removeError)) throw removeError;
    });
    return context.docker.createContainer(options);
  }
}

async function startOnce(context: DockerContext, spec: StartSpec, port: number | undefined): Promise<Sandbox> {
  const facts = await context.images.factsOf(spec.image.imageKey, spec.image.displayRef);
  const user = await serverUser(context, spec.image);
  const network = await context.networkMode();
  await ensureOwnedDir(context, spec.socketDir, user);
  const options = serverContainerSpec({
    name: containerName(spec.storeId, spec.purpose, spec.ownerId, buildNumber(spec.dataDir)),
    imageId: spec.image.imageKey.slice('docker:'.length),
    postgresPath: facts.postgresPath,
    pgMajor: spec.image.pgMajor,
    purpose: spec.purpose,
    ownerId: spec.ownerId,
    storeId: spec.storeId,
    dataDir: spec.dataDir,
    socketDir: spec.socketDir,
    inputDirs: spec.inputDirs ?? [],
    network,
    port,
    settings: spec.settings,
    user,
    limits: { ...context.limits, ...spec.limits },
  });
  const container = await createContainer(context, options, spec.storeId);
  const exitWatch = new AbortController();
  let exited = false;
  try {
    await container.start();
    container.wait({ abortSignal: exitWatch.signal }).then(
      () => (exited = true),
      () => (exited = exitWatch.signal.aborted ? exited : true),
    );
    const innerPort = network === 'host' ? (port ?? 0) : BRIDGE_INNER_PORT;
    const hostPort = network === 'host' ? port : publishedPort(await container.inspect());
    if (hostPort === undefined) {
      throw new SqlrsError('unavailable', 'docker did not publish a host port for the sandbox; check the daemon\'s bridge network (or use runtime.docker.network=host)');
    }
    await waitReady({
      socketDir: spec.socketDir,
      port: innerPort,
      user: BOOTSTRAP_USER,
      deadlineMs: spec.readyDeadlineMs,
      readySql: spec.readySql,
      exited: () => exited,
      // An empty log would leave the error without details; say so instead.
      logTail: async () => (await containerLogTail(container)) || '(postgres has not logged anything yet)',
    });
    context.logger?.debug({ container: container.id, purpose: spec.purpose, owner: spec.ownerId, port: hostPort }, 'sandbox started');
    return {
      ref: { kind: 'docker', id: container.id, purpose: spec.purpose, ownerId: spec.ownerId, storeId: spec.storeId, running: true },
      endpoint: { host: '127.0.0.1', port: hostPort, innerPort, socketDir: spec.socketDir },
    };
  } catch (error) {
    if (isSqlrsError(error)) {
      await removeQuietly(container);
      throw error;
    }
    const tail = await containerLogTail(container).catch(() => '');
    await removeQuietly(container);
    if (isNotFound(error) || statusCodeOf(error) === 409) {
      // Removed (404) or being removed (409) before postgres could run: to the caller the same as
      // a server that died starting up.
      throw new SqlrsError('internal_error', 'postgres exited during start-up', {
        details: `the ${spec.purpose} sandbox container was removed while it was starting`,
        cause: error,
      });
    }
    const failure = dockerFailure(error, `starting the ${spec.purpose} sandbox`, context.address);
    throw new SqlrsError(failure.code, failure.message, { details: [failure.details, tail].filter(Boolean).join('\n'), cause: error });
  } finally {
    exitWatch.abort();
  }
}

/**
 * Starts postgres in a new container and resolves once it answers over the socket; a failed
 * start removes the container and carries its log tail. Host networking retries a port that
 * turns out to be taken, up to three times, when the caller did not fix the port.
 */
export async function dockerStart(context: DockerContext, spec: StartSpec): Promise<Sandbox> {
  const network = await context.networkMode();
  const attempts = network === 'host' && spec.port === undefined ? BIND_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = spec.port ?? (network === 'host' ? await context.ports.next() : undefined);
    try {
      return await startOnce(context, spec, port);
    } catch (error) {
      const bindFailure = isSqlrsError(error) && COULD_NOT_BIND.test(error.details ?? '');
      if (!bindFailure || attempt >= attempts) throw error;
      context.logger?.debug({ port, attempt }, 'sandbox port was taken; trying the next one');
    }
  }
}
