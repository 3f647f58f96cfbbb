import { createHash, createHmac, pbkdf2, pbkdf2Sync } from 'node:crypto';
import { promisify } from 'node:util';

/** PostgreSQL's default SCRAM iteration count. */
export const SCRAM_ITERATIONS = 4096;

const pbkdf2Async = promisify(pbkdf2);

function formatVerifier(salted: Uint8Array, salt: Uint8Array, iterations: number): string {
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, all base64. The password must be
 * ASCII without control characters (SASLprep leaves it unchanged); the engine's are base64url.
 */
export function scramSha256Verifier(password: string, salt: Uint8Array, iterations = SCRAM_ITERATIONS): string {
  return formatVerifier(pbkdf2Sync(password, salt, iterations, 32, 'sha256'), salt, iterations);
}

/** `scramSha256Verifier` with PBKDF2 on the libuv thread pool, so it can overlap other work. */
export async function scramSha256VerifierAsync(password: string, salt: Uint8Array, iterations = SCRAM_ITERATIONS): Promise<string> {
  return formatVerifier(await pbkdf2Async(password, salt, iterations, 32, 'sha256'), salt, iterations);
}
