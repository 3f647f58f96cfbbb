import type Dockerode from 'dockerode';
import { createDemuxer } from './demux.js';
import type { FrameSink } from './demux.js';

// After the container has exited, how long its attach stream may take to deliver the rest.
const DRAIN_MS = 5_000;

/**
 * Runs a container to completion (create, attach, start, wait) and removes it, also on failure.
 * Output reaches `sink` as it is produced; resolves with the exit code.
 */
export async function runOneShot(
  docker: Dockerode,
  options: Dockerode.ContainerCreateOptions,
  sink: FrameSink,
): Promise<{ exitCode: number }> {
  const container = await docker.createContainer({ ...options, AttachStdout: true, AttachStderr: true, Tty: false });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const demuxer = createDemuxer(sink);
    const drained = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', () => resolve());
    });
    await container.start();
    const result = (await container.wait()) as { StatusCode?: number };
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
    clearTimeout(timer);
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    return { exitCode: result.StatusCode ?? -1 };
  } finally {
    // Best effort: the container carries the store label, so reconciliation removes a leftover.
    await container.remove({ force: true }).catch(() => undefined);
  }
}
