import { setTimeout as sleep } from 'node:timers/promises';
import type { Duplex } from 'node:stream';
import { SqlrsError } from '@sqlrs/errors';
import { lineSplitter } from '../line-splitter.js';
import type { ExecSpec, LineSink, Sandbox } from '../runtime.js';
import type { DockerContext } from './docker-context.js';
import { createDemuxer } from './demux.js';
import { dockerFailure } from './docker-errors.js';

// `exec.inspect()` can still report Running for a moment after the output stream closed.
const EXIT_POLL_MS = 10;
const EXIT_POLL_LIMIT_MS = 10_000;

/** `K=V` entries of an environment map, in key order. */
export function envEntries(env: Record<string, string>): string[] {
  return Object.keys(env)
    .sort()
    .map((name) => `${name}=${env[name]}`);
}

function pump(stream: Duplex, sink: LineSink, signal: AbortSignal | undefined): Promise<void> {
  const writers = { stdout: lineSplitter('stdout', sink), stderr: lineSplitter('stderr', sink) };
  const demuxer = createDemuxer((name, payload) => writers[name].write(payload));
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error): void => {
      signal?.removeEventListener('abort', onAbort);
      writers.stdout.end();
      writers.stderr.end();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => {
      stream.destroy();
      finish(new SqlrsError('cancelled', 'the command was cancelled'));
    };
    if (signal?.aborted === true) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    stream.once('end', () => finish());
    stream.once('close', () => finish());
    stream.once('error', (error: Error) => finish(error));
  });
}

/**
 * Runs a command in the sandbox's container as the engine's uid (engine.md §7.2): output is
 * demultiplexed into lines for `sink`; stdin, when given, is written to the hijacked stream and
 * then half-closed so the tool sees EOF. Docker cannot kill an exec: an abort stops reading and
 * rejects with `cancelled`, and the caller cancels the backend or removes the container.
 */
export async function dockerExec(
  context: DockerContext,
  sandbox: Sandbox,
  spec: ExecSpec,
  sink: LineSink,
  signal?: AbortSignal,
): Promise<{ exitCode: number }> {
  const withStdin = spec.stdin !== undefined;
  try {
    const container = context.docker.getContainer(sandbox.ref.id);
    const exec = await container.exec({
      Cmd: spec.argv,
      Env: envEntries(spec.env),
      User: `${context.engineUser.uid}:${context.engineUser.gid}`,
      ...(spec.cwd === undefined ? {} : { WorkingDir: spec.cwd }),
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const stream = await exec.start({ hijack: true, stdin: withStdin, Tty: false });
    const done = pump(stream, sink, signal);
    if (withStdin) stream.end(spec.stdin);
    await done;
    const deadline = Date.now() + EXIT_POLL_LIMIT_MS;
    for (;;) {
      const info = await exec.inspect();
      if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode };
      if (Date.now() > deadline) {
        throw new SqlrsError('internal_error', `docker did not report an exit code for ${spec.argv[0] ?? 'the command'}`);
      }
      await sleep(EXIT_POLL_MS);
    }
  } catch (error) {
    throw dockerFailure(error, `running ${spec.argv[0] ?? 'a command'} in sandbox ${sandbox.ref.id.slice(0, 12)}`, context.address);
  }
}
