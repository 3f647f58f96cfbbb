import { createHash, type Hash } from 'node:crypto';
import { SqlrsError } from '@sqlrs/errors';
import { inputsChanged } from './hash-errors.js';

/** One record of a cache key (engine.md §3.1): a key and a text or byte value. */
export type HashRecord = readonly [key: string, value: string | Uint8Array];

/** A record whose value is streamed (file bytes); `size` is the stat size written as the length. */
export interface StreamedHashRecord {
  readonly key: string;
  readonly size: number;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Names the input in the "inputs changed" error, e.g. the file path. */
  readonly label?: string;
}

/** A plain record or a streamed one. */
export type HashRecordOrStream = HashRecord | StreamedHashRecord;

const KEY = /^[a-z][a-z0-9_]*$/;
const encoder = new TextEncoder();
const NEWLINE = Uint8Array.of(0x0a);

function checkKey(key: string): void {
  if (!KEY.test(key)) {
    throw new SqlrsError('internal_error', `hash record key "${key}" does not match ^[a-z][a-z0-9_]*$`);
  }
}

function writeHeader(hash: Hash, key: string, length: number): void {
  checkKey(key);
  hash.update(encoder.encode(`${key}=${length}:`));
}

function writeRecord(hash: Hash, [key, value]: HashRecord): void {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  writeHeader(hash, key, bytes.byteLength);
  hash.update(bytes);
  hash.update(NEWLINE);
}

async function writeStreamed(hash: Hash, record: StreamedHashRecord): Promise<void> {
  if (!Number.isSafeInteger(record.size) || record.size < 0) {
    throw new SqlrsError('internal_error', `streamed hash record "${record.key}" has an invalid size ${record.size}`);
  }
  writeHeader(hash, record.key, record.size);
  let read = 0;
  for await (const chunk of record.chunks) {
    read += chunk.byteLength;
    if (read > record.size) break;
    hash.update(chunk);
  }
  if (read !== record.size) {
    const label = record.label ?? record.key;
    throw inputsChanged(`${label}: read ${read > record.size ? 'more than ' : ''}${read} bytes, stat said ${record.size}`);
  }
  hash.update(NEWLINE);
}

function isStreamed(record: HashRecordOrStream): record is StreamedHashRecord {
  return !Array.isArray(record);
}

/** Lowercase hex SHA-256 over records encoded as `<key>=<byte length>:<value>\n` (engine.md §3.1). */
export function hashRecords(records: Iterable<HashRecord>): string {
  const hash = createHash('sha256');
  for (const record of records) writeRecord(hash, record);
  return hash.digest('hex');
}

/** Like `hashRecords`, with streamed values that fail "inputs changed" when their size differs from the stat size. */
export async function hashRecordsStream(
  records: AsyncIterable<HashRecordOrStream> | Iterable<HashRecordOrStream>,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const record of records) {
    if (isStreamed(record)) await writeStreamed(hash, record);
    else writeRecord(hash, record);
  }
  return hash.digest('hex');
}
