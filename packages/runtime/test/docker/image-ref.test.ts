import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { displayRefFor, familiarRepository, parseImageRef, repoDigestFor, repositoryOf } from '../../src/docker/image-ref.js';

const ID = `sha256:${'a'.repeat(64)}`;
const DIGEST = `sha256:${'b'.repeat(64)}`;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseImageRef', () => {
  it('splits names, tags, registry ports and pinned digests', () => {
    expect(parseImageRef('sqlrs-test/postgres:15')).toEqual({ name: 'sqlrs-test/postgres:15' });
    expect(parseImageRef(` postgres@${DIGEST} `)).toEqual({ name: 'postgres', digest: DIGEST });
    expect(parseImageRef(`localhost:5000/pg:16@${DIGEST}`)).toEqual({ name: 'localhost:5000/pg:16', digest: DIGEST });
    expect(parseImageRef(ID)).toEqual({ name: '', digest: ID });
  });

  it('rejects empty references and malformed digests with invalid_argument', () => {
    expect(thrown(() => parseImageRef('  '))).toEqual(new SqlrsError('invalid_argument', 'invalid image reference "  ": it is empty'));
    expect(thrown(() => parseImageRef('postgres@sha256:XYZ'))).toEqual(
      new SqlrsError('invalid_argument', 'invalid image reference "postgres@sha256:XYZ": the digest must be sha256:<64 lowercase hex>'),
    );
    expect(thrown(() => parseImageRef('postgres:'))).toEqual(
      new SqlrsError('invalid_argument', 'invalid image reference "postgres:": expected repository[:tag][@sha256:<64 hex>]'),
    );
  });
});

describe('repositories', () => {
  it('strips the tag but not a registry port', () => {
    expect(repositoryOf('postgres:16')).toBe('postgres');
    expect(repositoryOf('localhost:5000/pg')).toBe('localhost:5000/pg');
    expect(repositoryOf('localhost:5000/pg:16')).toBe('localhost:5000/pg');
  });

  it('shortens Docker Hub names the way the daemon prints them', () => {
    expect(familiarRepository('docker.io/library/postgres')).toBe('postgres');
    expect(familiarRepository('docker.io/bitnami/postgresql')).toBe('bitnami/postgresql');
    expect(familiarRepository('ghcr.io/x/pg')).toBe('ghcr.io/x/pg');
  });
});

describe('displayRefFor', () => {
  it('uses the repo digest of the same repository when the image has one', () => {
    const image = { Id: ID, RepoDigests: [`mirror.local/postgres@${'sha256:' + 'c'.repeat(64)}`, `postgres@${DIGEST}`] };
    const ref = parseImageRef('docker.io/library/postgres:16');
    expect(repoDigestFor(ref, image)).toBe(`postgres@${DIGEST}`);
    expect(displayRefFor(ref, image)).toBe(`postgres@${DIGEST}`);
  });

  it('falls back to the first repo digest for another repository', () => {
    const image = { Id: ID, RepoDigests: [`postgres@${DIGEST}`] };
    expect(displayRefFor(parseImageRef('my/alias:1'), image)).toBe(`postgres@${DIGEST}`);
  });

  it('pins an image without repo digests (an imported image) to its Id under the reference used', () => {
    const image = { Id: ID, RepoDigests: [] };
    expect(displayRefFor(parseImageRef('sqlrs-test/postgres:15'), image)).toBe(`sqlrs-test/postgres:15@${ID}`);
    expect(displayRefFor(parseImageRef(`sqlrs-test/postgres:15@${ID}`), image)).toBe(`sqlrs-test/postgres:15@${ID}`);
    expect(displayRefFor(parseImageRef(ID), { Id: ID, RepoDigests: null })).toBe(ID);
  });
});
