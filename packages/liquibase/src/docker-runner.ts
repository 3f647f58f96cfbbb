import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { SqlrsError } from '@sqlrs/errors';
import { type LineSink, lineSplitter } from '@sqlrs/runtime';
import { ENGINE_JAVA_OPTS } from './host-runner.js';
import { DEFAULTS_FILE, type LiquibaseResult, type LiquibaseRun, type LiquibaseRunner, connectionArgs } from './runner.js';
import { checkLiquibaseVersion } from './version.js';

/** Where the runner image keeps the distribution and where the engine mounts its inputs. */
const LAUNCHER = '/opt/liquibase/liquibase';
const WORK_DIR = '/sqlrs/work';
const CHANGELOG_ROOT = '/sqlrs/changelog';

/** What the docker runner needs. */
export interface DockerRunnerOptions {
  docker: Dockerode;
  /** `liquibase.image`: the runner image reference. */
  image: string;
  /** The uid:gid the runner runs as (the engine's, engine.md §8.3). */
  user: { uid: number; gid: number };
}

function dockerMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The root's path inside the runner container. */
function containerRoot(index: number): string {
  return `${CHANGELOG_ROOT}/${index}`;
}

/** Liquibase in a runner container beside the sandbox (engine.md §8.3 docker mode). */
export class DockerLiquibaseRunner implements LiquibaseRunner {
  readonly mode = 'docker' as const;
  /** `lb_version` memoised per image `Id`, so a rebuilt image is probed again. */
  private readonly versions = new Map<string, Promise<string>>();

  constructor(private readonly options: DockerRunnerOptions) {}

  private async imageId(): Promise<string> {
    try {
      const info = await this.options.docker.getImage(this.options.image).inspect();
      return info.Id;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new SqlrsError('unavailable', `Liquibase runner image ${this.options.image} not found; build it with scripts/liquibase-image.sh (sudo bash scripts/provision.sh), or set liquibase.image to null for host mode`);
      }
      throw new SqlrsError('unavailable', `Docker cannot inspect the Liquibase runner image ${this.options.image}: ${dockerMessage(error)}; start Docker or set liquibase.image to null`);
    }
  }

  async version(): Promise<string> {
    const id = await this.imageId();
    let memo = this.versions.get(id);
    if (memo === undefined) {
      memo = this.probeVersion(id);
      this.versions.set(id, memo);
      memo.catch(() => this.versions.delete(id));
    }
    return memo;
  }

  private async probeVersion(imageId: string): Promise<string> {
    const lines: string[] = [];
    const { exitCode } = await this.runContainer(
      { Image: imageId, Cmd: [LAUNCHER, '--version'], Env: [`JAVA_OPTS=${ENGINE_JAVA_OPTS}`], HostConfig: { NetworkMode: 'none', AutoRemove: true } },
      (_s, line) => lines.push(line),
      new AbortController().signal,
    );
    const output = lines.join('\n');
    if (exitCode !== 0) throw new SqlrsError('unavailable', `${LAUNCHER} --version in ${this.options.image} exited with code ${exitCode}; rebuild the image with scripts/liquibase-image.sh --force`, { details: output.slice(-4096) });
    return checkLiquibaseVersion(output, `the runner image ${this.options.image}`);
  }

  async run(run: LiquibaseRun, sink: LineSink, signal: AbortSignal): Promise<LiquibaseResult> {
    const imageId = await this.imageId();
    const { sandbox } = run;
    // Docker runtime: join the sandbox's network namespace; process runtime: the host's loopback.
    const joined = sandbox.ref.kind === 'docker';
    const port = joined ? sandbox.endpoint.innerPort : sandbox.endpoint.port;
    const roots = run.roots.map((_root, i) => containerRoot(i));
    const argv = [
      LAUNCHER,
      ...connectionArgs(run, port),
      `--defaults-file=${WORK_DIR}/${DEFAULTS_FILE}`,
      ...(roots.length === 0 ? [] : [`--search-path=${roots.join(',')}`]),
      ...run.args,
    ];
    const env = Object.entries({ JAVA_OPTS: ENGINE_JAVA_OPTS, ...run.env }).map(([k, v]) => `${k}=${v}`);
    const stdout: string[] = [];
    const { exitCode } = await this.runContainer(
      {
        Image: imageId,
        Cmd: argv,
        Env: env,
        User: `${this.options.user.uid}:${this.options.user.gid}`,
        WorkingDir: WORK_DIR,
        Labels: { 'sqlrs.store': run.storeId, 'sqlrs.kind': sandbox.ref.purpose, 'sqlrs.job': run.jobId, 'sqlrs.tool': 'liquibase' },
        HostConfig: {
          NetworkMode: joined ? `container:${sandbox.ref.id}` : 'host',
          AutoRemove: true,
          Binds: [`${run.workDir}:${WORK_DIR}`, ...run.roots.map((root, i) => `${root}:${containerRoot(i)}:ro`)],
        },
      },
      (stream, line) => {
        if (stream === 'stdout') stdout.push(line);
        sink(stream, line);
      },
      signal,
    );
    return { exitCode, stdout: stdout.join('\n') };
  }

  /** Creates, attaches, starts and waits for one container; a cancel kills it (AutoRemove cleans up). */
  private async runContainer(spec: Dockerode.ContainerCreateOptions, sink: LineSink, signal: AbortSignal): Promise<{ exitCode: number }> {
    const { docker } = this.options;
    let container: Dockerode.Container;
    try {
      container = await docker.createContainer({ ...spec, Tty: false, AttachStdout: true, AttachStderr: true });
    } catch (error) {
      throw new SqlrsError('unavailable', `Docker cannot create the Liquibase runner container: ${dockerMessage(error)}; start Docker or set liquibase.image to null`);
    }
    const out = lineSplitter('stdout', sink);
    const err = lineSplitter('stderr', sink);
    const onAbort = (): void => {
      container.kill().catch(() => undefined);
    };
    try {
      const stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      stdout.on('data', (chunk: Buffer) => out.write(chunk));
      stderr.on('data', (chunk: Buffer) => err.write(chunk));
      docker.modem.demuxStream(stream, stdout, stderr);
      const ended = new Promise<void>((resolve) => stream.on('end', resolve));
      const waited = container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
      await container.start();
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const status = await waited;
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      return { exitCode: status.StatusCode };
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw new SqlrsError('unavailable', `the Liquibase runner container failed: ${dockerMessage(error)}`);
    } finally {
      signal.removeEventListener('abort', onAbort);
      out.end();
      err.end();
    }
  }
}
