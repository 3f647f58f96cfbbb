import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^bearer +(.+)$/i;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * True when an `Authorization` header carries `Bearer <expectedToken>` (api.md §1.4): trimmed,
 * scheme case-insensitive, one or more spaces, compared in constant time over sha-256 digests.
 */
export function verifyBearer(headerValue: string | undefined, expectedToken: string): boolean {
  if (headerValue === undefined || expectedToken === '') return false;
  const match = BEARER.exec(headerValue.trim());
  const presented = match?.[1];
  if (presented === undefined) return false;
  return timingSafeEqual(sha256(presented), sha256(expectedToken));
}
