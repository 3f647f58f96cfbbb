import { randomBytes } from 'node:crypto';

/** The default nonce source: 8 random bytes as 16 hex characters. */
export function randomNonce(): string {
  return randomBytes(8).toString('hex');
}
