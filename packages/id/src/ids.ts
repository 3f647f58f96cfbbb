import { SqlrsError } from '@sqlrs/errors';

/** Supplies `n` random bytes; the caller passes `crypto.randomBytes` or a test source. */
export type RandomBytes = (n: number) => Uint8Array;

/** Length in hex characters of job and instance ids (16 random bytes). */
export const RANDOM_ID_LENGTH = 32;
/** Length in hex characters of content-addressed state ids (sha-256). */
export const STATE_ID_LENGTH = 64;

const RANDOM_ID = /^[0-9a-f]{32}$/i;
const STATE_ID = /^[0-9a-f]{64}$/i;

/** Lowercase hex of a byte array. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A new random 32-hex id, as used for jobs, instances, the engine process and the store. */
export function newRandomId(randomBytes: RandomBytes): string {
  const bytes = randomBytes(RANDOM_ID_LENGTH / 2);
  if (bytes.length !== RANDOM_ID_LENGTH / 2) {
    throw new SqlrsError('internal_error', 'random source returned the wrong number of bytes');
  }
  return toHex(bytes);
}

/** True for a job or instance id in any case (inputs match case-insensitively). */
export function isRandomId(value: string): boolean {
  return RANDOM_ID.test(value);
}

/** True for a state id in any case. */
export function isStateId(value: string): boolean {
  return STATE_ID.test(value);
}

/** The canonical (lowercase) id when `value` is shaped as a job or instance id, else undefined. */
export function parseRandomId(value: string): string | undefined {
  return isRandomId(value) ? value.toLowerCase() : undefined;
}

/** The canonical (lowercase) state id, else undefined. */
export function parseStateId(value: string): string | undefined {
  return isStateId(value) ? value.toLowerCase() : undefined;
}
