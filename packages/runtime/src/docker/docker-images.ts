import type Dockerode from 'dockerode';
import { SqlrsError } from '@sqlrs/errors';
import type { ResolvedImage } from '../runtime.js';
import { daemonMessage, dockerFailure, isNotFound, statusCodeOf } from './docker-errors.js';
import { IMAGE_PROBE_SCRIPT, parseImageProbe } from './image-probe.js';
import type { ImageFacts } from './image-probe.js';
import { displayRefFor, parseImageRef, repoDigestFor, repositoryOf } from './image-ref.js';
import type { ImageRef } from './image-ref.js';
import { runOneShot } from './run-one-shot.js';

/** What image resolution needs: the daemon, its address for messages, and labels for probe containers. */
export interface DockerImagesOptions {
  docker: Dockerode;
  /** The daemon address as shown in messages. */
  address: string;
  /** Labels of the throw-away probe containers (store id, `sqlrs.kind=init`). */
  labels: Record<string, string>;
}

/** Options of one resolution (the `Runtime.resolveImage` options). */
export interface ResolveOptions {
  pull: 'missing' | 'never';
  signal?: AbortSignal;
}

function notPresent(ref: string, why: string, cause?: unknown): SqlrsError {
  return new SqlrsError(
    'unavailable',
    `image ${ref} is not present and cannot be pulled (${why}); build or load it into the Docker engine, or make its registry reachable`,
    cause === undefined ? {} : { details: daemonMessage(cause), cause },
  );
}

function platformOf(image: Dockerode.ImageInspectInfo): string {
  const parts = [image.Os, image.Architecture, image.Variant].filter((part) => part !== undefined && part !== '');
  return parts.join('/');
}

/**
 * Resolves image references to content identities (engine.md §7.2) and learns each image's
 * PostgreSQL version, postgres uid/gid and locales once, with a throw-away probe container.
 */
export class DockerImages {
  private readonly options: DockerImagesOptions;
  private readonly facts = new Map<string, Promise<ImageFacts>>();

  constructor(options: DockerImagesOptions) {
    this.options = options;
  }

  /** Inspects, pulls when allowed and missing, then probes the image on first sight. */
  async resolve(ref: string, options: ResolveOptions): Promise<ResolvedImage> {
    const parsed = parseImageRef(ref);
    let image = await this.findLocal(parsed, options.signal);
    if (image === undefined) {
      if (options.pull === 'never') throw notPresent(ref, 'pulling is disabled for this request');
      if (parsed.name === '') throw notPresent(ref, 'a bare image id names no repository to pull from');
      await this.pull(ref, parsed, options.signal);
      image = await this.findLocal(parsed, options.signal);
      if (image === undefined) throw notPresent(ref, 'the pull finished but the image is still missing');
    }
    const facts = await this.factsOf(image.Id, ref);
    const repoDigest = repoDigestFor(parsed, image);
    const resolved: ResolvedImage = {
      imageKey: `docker:${image.Id}`,
      displayRef: displayRefFor(parsed, image),
      platform: platformOf(image),
      pgMajor: facts.pgMajor,
      pgVersion: facts.pgVersion,
      runUid: facts.runUid,
      runGid: facts.runGid,
      locales: facts.locales,
    };
    if (repoDigest !== undefined) resolved.repoDigest = repoDigest.slice(repoDigest.indexOf('@') + 1);
    return resolved;
  }

  /** The probe facts of an image (`docker:<Id>` key or bare Id), probing again after an engine restart. */
  factsOf(imageId: string, ref: string): Promise<ImageFacts> {
    const id = imageId.startsWith('docker:') ? imageId.slice('docker:'.length) : imageId;
    let facts = this.facts.get(id);
    if (facts === undefined) {
      facts = this.probe(id, ref);
      this.facts.set(id, facts);
      facts.catch(() => this.facts.delete(id));
    }
    return facts;
  }

  private async inspect(name: string, signal: AbortSignal | undefined): Promise<Dockerode.ImageInspectInfo | undefined> {
    if (signal?.aborted === true) throw new SqlrsError('cancelled', `resolving image ${name} was cancelled`);
    try {
      return await this.options.docker.getImage(name).inspect();
    } catch (error) {
      // 400: the daemon does not accept this spelling of a reference; it is not here under it either.
      if (isNotFound(error) || statusCodeOf(error) === 400) return undefined;
      throw dockerFailure(error, `inspecting image ${name}`, this.options.address);
    }
  }

  // Unpinned: by name. Pinned: by repo digest, else by image Id (imported images have no repo digest).
  private async findLocal(ref: ImageRef, signal: AbortSignal | undefined): Promise<Dockerode.ImageInspectInfo | undefined> {
    if (ref.digest === undefined) return this.inspect(ref.name, signal);
    if (ref.name !== '') {
      const byRepoDigest = await this.inspect(`${repositoryOf(ref.name)}@${ref.digest}`, signal);
      if (byRepoDigest !== undefined) return byRepoDigest;
    }
    const byId = await this.inspect(ref.digest, signal);
    return byId?.Id === ref.digest ? byId : undefined;
  }

  private async pull(ref: string, parsed: ImageRef, signal: AbortSignal | undefined): Promise<void> {
    const repository = repositoryOf(parsed.name);
    const tag = parsed.digest ?? (parsed.name.length > repository.length ? parsed.name.slice(repository.length + 1) : 'latest');
    const docker = this.options.docker;
    try {
      const stream = await docker.createImage({ fromImage: repository, tag, ...(signal === undefined ? {} : { abortSignal: signal }) });
      await new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (error: unknown, events: { error?: string; errorDetail?: { message?: string } }[]) => {
            const failed = events.find((event) => event.error !== undefined || event.errorDetail !== undefined);
            if (error !== null && error !== undefined) reject(error);
            else if (failed !== undefined) reject(new Error(failed.errorDetail?.message ?? failed.error));
            else resolve();
          },
        );
      });
    } catch (error) {
      if (signal?.aborted === true) throw new SqlrsError('cancelled', `pulling image ${ref} was cancelled`, { cause: error });
      const failure = dockerFailure(error, `pulling image ${ref}`, this.options.address);
      if (failure.code === 'unavailable') throw failure;
      throw notPresent(ref, 'the pull failed', error);
    }
  }

  private async probe(imageId: string, ref: string): Promise<ImageFacts> {
    const chunks: Uint8Array[] = [];
    try {
      const { exitCode } = await runOneShot(
        this.options.docker,
        {
          Image: imageId,
          Entrypoint: ['sh', '-c', IMAGE_PROBE_SCRIPT],
          Cmd: [],
          Labels: this.options.labels,
          HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' } },
        },
        (_stream, payload) => chunks.push(payload),
      );
      const output = Buffer.concat(chunks).toString('utf8');
      try {
        return parseImageProbe(ref, output);
      } catch (error) {
        if (exitCode !== 0 && error instanceof SqlrsError) {
          throw new SqlrsError(error.code, error.message, { details: `exit code ${exitCode}\n${output}`, cause: error });
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof SqlrsError) throw error;
      const failure = dockerFailure(error, `probing image ${ref}`, this.options.address);
      if (failure.code === 'unavailable' || statusCodeOf(error) === undefined) throw failure;
      throw new SqlrsError('unavailable', `image ${ref} cannot run the PostgreSQL probe (it needs sh, postgres and a postgres user); use a PostgreSQL image`, {
        details: daemonMessage(error),
        cause: error,
      });
    }
  }
}
