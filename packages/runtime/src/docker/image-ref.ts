import { SqlrsError } from '@sqlrs/errors';

/** An image reference split into its name (`repo[:tag]`, may be empty for a bare id) and pinned digest. */
export interface ImageRef {
  /** The reference without `@digest`; empty when the reference is a bare `sha256:<hex>` image id. */
  name: string;
  /** `sha256:<64 hex>` when the reference is pinned. */
  digest?: string;
}

/** The facts of `GET /images/<ref>/json` that decide an image's identity. */
export interface ImageIdentity {
  Id: string;
  RepoDigests?: string[] | null;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._/:-]*$/;

function invalid(ref: string, why: string): SqlrsError {
  return new SqlrsError('invalid_argument', `invalid image reference ${JSON.stringify(ref)}: ${why}`);
}

/** Parses `repo[:tag][@sha256:<hex>]` or a bare `sha256:<hex>` image id. */
export function parseImageRef(ref: string): ImageRef {
  const trimmed = ref.trim();
  if (trimmed === '') throw invalid(ref, 'it is empty');
  if (DIGEST.test(trimmed)) return { name: '', digest: trimmed };
  const at = trimmed.indexOf('@');
  const name = at === -1 ? trimmed : trimmed.slice(0, at);
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  if (!NAME.test(name) || name.endsWith(':') || name.endsWith('/')) {
    throw invalid(ref, 'expected repository[:tag][@sha256:<64 hex>]');
  }
  if (digest === undefined) return { name };
  if (!DIGEST.test(digest)) throw invalid(ref, 'the digest must be sha256:<64 lowercase hex>');
  return { name, digest };
}

/** The repository of `repo[:tag]` (a `:` after the last `/` starts the tag; one before it is a registry port). */
export function repositoryOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/** Docker's short form of a repository: `docker.io/library/postgres` → `postgres`. */
export function familiarRepository(repository: string): string {
  for (const prefix of ['docker.io/library/', 'index.docker.io/library/', 'docker.io/', 'index.docker.io/']) {
    if (repository.startsWith(prefix)) return repository.slice(prefix.length);
  }
  return repository;
}

/**
 * The repo digest (`<repo>@sha256:<hex>`) that names `image` for `ref`: the one of the same
 * repository, else the first one; undefined when the image has none (imported or locally built).
 */
export function repoDigestFor(ref: ImageRef, image: ImageIdentity): string | undefined {
  const digests = image.RepoDigests ?? [];
  const wanted = familiarRepository(repositoryOf(ref.name));
  const sameRepository = digests.find((entry) => familiarRepository(entry.slice(0, entry.indexOf('@'))) === wanted);
  return sameRepository ?? digests[0];
}

/**
 * The reference recorded as `resolved_image_id` (engine.md §7.2): `<repo>@<repo digest>` when the
 * image has one, else `<ref without digest>@<image Id>`, so resolving it again finds the same image.
 */
export function displayRefFor(ref: ImageRef, image: ImageIdentity): string {
  const repoDigest = repoDigestFor(ref, image);
  if (repoDigest !== undefined) return repoDigest;
  return ref.name === '' ? image.Id : `${ref.name}@${image.Id}`;
}
