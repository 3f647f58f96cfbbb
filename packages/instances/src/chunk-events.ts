import type { ChunkSink } from '@sqlrs/runtime';

/** Longest `data` of one stdout/stderr event, in bytes (api.md §6). */
export const MAX_CHUNK_BYTES = 64 * 1024;

/** An output sink turning byte chunks into text, with a `flush` for the end of a step. */
export interface TextChunkSink extends ChunkSink {
  /** Emits what a decoder still holds (an incomplete UTF-8 sequence becomes U+FFFD). */
  flush(): void;
}

/**
 * Decodes each stream's chunks as UTF-8 across chunk boundaries and emits non-empty text pieces
 * of at most 64 KiB as they arrive (api.md §6).
 */
export function textChunkSink(emit: (stream: 'stdout' | 'stderr', text: string) => void): TextChunkSink {
  const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  // A decoder may hold back up to 3 bytes of a split character, so pieces leave room for them.
  const piece = MAX_CHUNK_BYTES - 3;
  const push = (stream: 'stdout' | 'stderr', chunk: Uint8Array): void => {
    for (let offset = 0; offset < chunk.length; offset += piece) {
      const text = decoders[stream].decode(chunk.subarray(offset, offset + piece), { stream: true });
      if (text !== '') emit(stream, text);
    }
  };
  return {
    stdout: (chunk) => push('stdout', chunk),
    stderr: (chunk) => push('stderr', chunk),
    flush() {
      for (const stream of ['stdout', 'stderr'] as const) {
        const text = decoders[stream].decode();
        if (text !== '') emit(stream, text);
      }
    },
  };
}
