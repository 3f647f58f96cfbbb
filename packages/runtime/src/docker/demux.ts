/** Receives the payload of one multiplexed frame. */
export type FrameSink = (stream: 'stdout' | 'stderr', payload: Uint8Array) => void;

/** Consumes Docker's multiplexed stream in arbitrary chunks. */
export interface Demuxer {
  push(chunk: Uint8Array): void;
}

const HEADER = 8;

/**
 * Splits Docker's multiplexed attach/exec/logs stream (8-byte header: stream type, 3 zero bytes,
 * big-endian payload length) into stdout and stderr payloads, across any chunk boundaries.
 */
export function createDemuxer(sink: FrameSink): Demuxer {
  let buffered: Uint8Array = new Uint8Array(0);
  return {
    push(chunk) {
      buffered = buffered.length === 0 ? chunk : concat(buffered, chunk);
      for (;;) {
        if (buffered.length < HEADER) return;
        const view = new DataView(buffered.buffer, buffered.byteOffset, buffered.byteLength);
        const type = view.getUint8(0);
        const length = view.getUint32(4);
        if (buffered.length < HEADER + length) return;
        const payload = buffered.subarray(HEADER, HEADER + length);
        buffered = buffered.subarray(HEADER + length);
        // Type 0 (stdin) is never written by the daemon; anything else but stderr counts as stdout.
        if (payload.length > 0) sink(type === 2 ? 'stderr' : 'stdout', payload);
      }
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** The text of a whole buffered multiplexed stream (e.g. `GET /containers/<id>/logs`), both streams in frame order. */
export function framesText(data: Uint8Array): string {
  const chunks: Uint8Array[] = [];
  createDemuxer((_stream, payload) => chunks.push(payload)).push(data);
  return new TextDecoder('utf-8').decode(concatAll(chunks));
}

function concatAll(chunks: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
