import type Dockerode from 'dockerode';
import type { Duplex } from 'node:stream';
import { SqlrsError } from '@sqlrs/errors';
import type { ChunkSink, ClientSpec, Sandbox } from '../runtime.js';
import { sandboxLabels } from './container-spec.js';
import type { DockerContext } from './docker-context.js';
import { createDemuxer } from './demux.js';
import { dockerFailure } from './docker-errors.js';
import { envEntries } from './docker-exec.js';

const KILL_AFTER_MS = 5_000;
// After the sidecar exited, how long its attach stream may take to deliver the rest.
const DRAIN_MS = 5_000;

/** The create options of a run's sidecar container (engine.md §8.4). */
export function sidecarSpec(
  sandbox: Sandbox,
  image: string,
  spec: ClientSpec,
  user: { uid: number; gid: number },
): Dockerode.ContainerCreateOptions {
  const [tool, ...args] = spec.argv;
  const withStdin = spec.stdin !== undefined;
  return {
    Image: image,
    Entrypoint: [tool ?? ''],
    Cmd: args,
    Env: envEntries(spec.env),
    User: `${user.uid}:${user.gid}`,
    WorkingDir: spec.cwd ?? '/',
    Labels: sandboxLabels(sandbox.ref.storeId, 'run', sandbox.ref.ownerId),
    AttachStdin: withStdin,
    OpenStdin: withStdin,
    StdinOnce: withStdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      NetworkMode: `container:${sandbox.ref.id}`,
      AutoRemove: true,
      Mounts: [...new Set(spec.inputDirs)].sort().map((dir) => ({ Type: 'bind', Source: dir, Target: dir, ReadOnly: true })),
    },
  };
}

function pump(stream: Duplex, out: ChunkSink): Promise<void> {
  const demuxer = createDemuxer((name, payload) => (name === 'stderr' ? out.stderr(payload) : out.stdout(payload)));
  return new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

/**
 * Runs a client tool in a one-shot sidecar container sharing the instance container's network
 * namespace (engine.md §8.4): output from `attach` (demultiplexed), stdin written then half-closed,
 * exit code from `wait`, AutoRemove. An abort kills the sidecar (SIGTERM, SIGKILL after 5 s).
 */
export async function dockerRunClient(
  context: DockerContext,
  sandbox: Sandbox,
  spec: ClientSpec,
  out: ChunkSink,
  signal: AbortSignal,
): Promise<{ exitCode: number }> {
  if (spec.argv[0] === undefined) throw new SqlrsError('internal_error', 'a run needs a command', { details: 'empty argv' });
  let container: Dockerode.Container | undefined;
  try {
    const instance = await context.docker.getContainer(sandbox.ref.id).inspect();
    container = await context.docker.createContainer(sidecarSpec(sandbox, instance.Image, spec, context.engineUser));
    const sidecar = container;
    const stream = (await sidecar.attach({
      stream: true,
      hijack: spec.stdin !== undefined,
      stdin: spec.stdin !== undefined,
      stdout: true,
      stderr: true,
    })) as Duplex;
    const drained = pump(stream, out);
    const exited = sidecar.wait({ condition: 'next-exit' }) as Promise<{ StatusCode?: number }>;
    await sidecar.start();
    if (spec.stdin !== undefined) stream.end(spec.stdin);
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      sidecar.kill({ signal: 'SIGTERM' }).catch(() => undefined);
      killTimer = setTimeout(() => void sidecar.kill({ signal: 'SIGKILL' }).catch(() => undefined), KILL_AFTER_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await exited;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
      clearTimeout(timer);
      stream.destroy();
      return { exitCode: result.StatusCode ?? -1 };
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
    }
  } catch (error) {
    // AutoRemove covers a sidecar that ran; one that never started is removed here.
    await container?.remove({ force: true }).catch(() => undefined);
    throw dockerFailure(error, `running ${spec.argv[0]} beside sandbox ${sandbox.ref.id.slice(0, 12)}`, context.address);
  }
}
