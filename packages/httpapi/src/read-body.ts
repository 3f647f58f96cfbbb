import { SqlrsError } from '@sqlrs/errors';

/** Default request body limit (api.md §1.9). */
export const BODY_LIMIT = 1024 * 1024;
/** Body limit of the routes that carry `stdin` (api.md §1.9). */
export const LARGE_BODY_LIMIT = 32 * 1024 * 1024;

function tooLarge(limit: number): SqlrsError {
  return new SqlrsError('payload_too_large', `request body is larger than ${limit} bytes; send a smaller body`);
}

/**
 * Reads a request body as text within `limit` bytes: refuses at once from Content-Length,
 * otherwise stops reading as soon as the limit is passed (api.md §1.3 step 4).
 */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (req.body === null) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Parses a JSON object body (api.md §1.3 step 5). An empty body is `undefined` when the body is
 * optional; anything but a JSON object is `invalid json payload`.
 */
export function parseJsonObject(text: string, optional: boolean): Record<string, unknown> | undefined {
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new SqlrsError('invalid_argument', 'invalid json payload', { details: 'request body is empty; send a JSON object' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SqlrsError('invalid_argument', 'invalid json payload', {
      details: err instanceof Error ? err.message : String(err),
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SqlrsError('invalid_argument', 'invalid json payload', { details: 'request body must be a JSON object' });
  }
  return value as Record<string, unknown>;
}
