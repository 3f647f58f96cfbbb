import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { parseProcessImageRef } from '../../src/process/image-ref.js';

const HEX = 'AB'.repeat(32);

describe('parseProcessImageRef', () => {
  it('takes the major from the leading integer of the tag', () => {
    expect(parseProcessImageRef('postgres:16.2-bookworm')).toEqual({ major: 16, digestHex: undefined });
    expect(parseProcessImageRef('sqlrs-test/postgres:15')).toEqual({ major: 15, digestHex: undefined });
    expect(parseProcessImageRef('localhost:5000/postgres')).toEqual({ major: undefined, digestHex: undefined });
    expect(parseProcessImageRef('postgres:latest')).toEqual({ major: undefined, digestHex: undefined });
  });

  it('reads a pinned digest, lowercased', () => {
    expect(parseProcessImageRef(`postgres:15.18@sha256:${HEX}`)).toEqual({ major: 15, digestHex: HEX.toLowerCase() });
  });

  it('rejects a malformed reference', () => {
    expect(() => parseProcessImageRef('postgres@sha256:abc')).toThrow(
      new SqlrsError('invalid_argument', 'invalid image reference "postgres@sha256:abc"; use name[:tag][@sha256:<64 hex>]'),
    );
  });
});
