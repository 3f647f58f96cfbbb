import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { SqlrsError } from '@sqlrs/errors';

/** Supplies `n` random bytes; defaults to `crypto.randomBytes`. */
export type RandomBytes = (n: number) => Uint8Array;

const TOKEN_BYTES = 32;

/** A new engine auth token: 32 random bytes as 64 lowercase hex characters (api.md §1.1). */
export function newAuthToken(randomBytes: RandomBytes = nodeRandomBytes): string {
  const bytes = randomBytes(TOKEN_BYTES);
  if (bytes.length !== TOKEN_BYTES) {
    throw new SqlrsError('internal_error', 'random source returned the wrong number of bytes', {
      details: `got ${bytes.length} bytes, expected ${TOKEN_BYTES}`,
    });
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
