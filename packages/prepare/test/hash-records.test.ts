import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { type HashRecordOrStream, hashRecords, hashRecordsStream } from '../src/hash-records.js';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('hashRecords', () => {
  it('hashes `<key>=<byte length>:<value>\\n` per record, lengths in UTF-8 bytes', () => {
    expect(hashRecords([['a', 'x'], ['empty', ''], ['utf8', 'é']])).toBe(sha256('a=1:x\nempty=0:\nutf8=2:é\n'));
  });

  it('takes raw bytes as values', () => {
    const raw = Uint8Array.of(0, 0x0a, 0xff);
    expect(hashRecords([['raw', raw]])).toBe(sha256(Buffer.concat([Buffer.from('raw=3:'), raw, Buffer.from('\n')])));
  });

  it('keeps records apart even when a value looks like further records', () => {
    expect(hashRecords([['a', '1\nb=1:2']])).not.toBe(hashRecords([['a', '1'], ['b', '2']]));
  });

  it.each(['', 'A', '1a', 'a-b', 'a=b', '_a'])('rejects the key %j', (key) => {
    expect(() => hashRecords([[key, 'v']])).toThrow(
      new SqlrsError('internal_error', `hash record key "${key}" does not match ^[a-z][a-z0-9_]*$`),
    );
  });
});

describe('hashRecordsStream', () => {
  it('hashes streamed values exactly like whole ones', async () => {
    const streamed: HashRecordOrStream[] = [['domain', 'd'], { key: 'bytes', size: 11, chunks: chunksOf('hello world', 3) }, ['tail', 't']];
    expect(await hashRecordsStream(streamed)).toBe(hashRecords([['domain', 'd'], ['bytes', 'hello world'], ['tail', 't']]));
  });

  it('fails "inputs changed" when fewer bytes arrive than the stat size', async () => {
    const error = await failure(hashRecordsStream([{ key: 'bytes', size: 12, chunks: chunksOf('hello world', 4), label: '/w/a.sql' }]));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', 'inputs changed after submit; resubmit once the input files stop changing', {
        details: '/w/a.sql: read 11 bytes, stat said 12',
      }),
    );
  });

  it('fails "inputs changed" when more bytes arrive than the stat size', async () => {
    const error = await failure(hashRecordsStream([{ key: 'bytes', size: 5, chunks: chunksOf('hello world', 4) }]));
    expect(error).toEqual(
      new SqlrsError('invalid_argument', 'inputs changed after submit; resubmit once the input files stop changing', {
        details: 'bytes: read more than 8 bytes, stat said 5',
      }),
    );
  });
});
