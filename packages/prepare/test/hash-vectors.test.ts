import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CACHE_SCHEMA,
  type InitSpec,
  type PsqlTaskKey,
  baseId,
  buildConf,
  initSpecHash,
  jobSignature,
  psqlTaskHash,
  stateId,
} from '../src/cache-keys.js';
import { type PsqlSource, psqlContentHash } from '../src/content-hash.js';
import { hashRecords } from '../src/hash-records.js';
import { IncludeClosure } from '../src/include-closure.js';
import { PsqlVariableScope } from '../src/psql-variables.js';
import { tempTree } from './helpers/temp-tree.js';

type Value = string | { hex: string } | { ref: string } | { sha256_of: string };
interface Vector {
  name: string;
  hash: string;
  input?: Record<string, unknown>;
  records: [string, Value][] | null;
  expected: string;
}
interface VectorFile {
  cache_schema: string;
  vectors: Vector[];
}

const file = JSON.parse(readFileSync(new URL('./hash-vectors.json', import.meta.url), 'utf8')) as VectorFile;
const expectedByName = new Map(file.vectors.map((vector) => [vector.name, vector.expected]));

/**
 * Digest of every vector's name and expected value, pinned per cache schema: regenerating the
 * vectors after an encoding or record-list change fails here until CACHE_SCHEMA is bumped.
 */
const SCHEMA_PINS: Readonly<Record<string, string>> = {
  'sqlrs-cache-v1': '3349a7be143b72dd8b046ab87128d00c8e49c4fb5b2c5733352b5da31408fea5',
};

function bytesOf(value: Value): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if ('hex' in value) return Buffer.from(value.hex, 'hex');
  if ('ref' in value) return Buffer.from(expectedByName.get(value.ref) ?? '', 'utf8');
  return Buffer.from(createHash('sha256').update(value.sha256_of).digest('hex'), 'utf8');
}

/** An independent implementation of engine.md §3.1: `<key>=<byte length>:<value>\n`, SHA-256, hex. */
function reference(records: [string, Value][]): string {
  const hash = createHash('sha256');
  for (const [key, value] of records) {
    const bytes = bytesOf(value);
    hash.update(Buffer.concat([Buffer.from(`${key}=${bytes.length}:`), bytes, Buffer.from('\n')]));
  }
  return hash.digest('hex');
}

function resolveRefs(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(resolveRefs);
  if (input !== null && typeof input === 'object') {
    if ('ref' in input) return expectedByName.get((input as { ref: string }).ref);
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, resolveRefs(value)]));
  }
  return input;
}

async function contentHash(input: { files: Record<string, string>; source: PsqlSource } | { source: PsqlSource }): Promise<string> {
  const root = 'files' in input ? await tempTree(input.files) : null;
  const source = input.source.kind === 'file' && root !== null ? { ...input.source, path: join(root, input.source.path) } : input.source;
  const closure = new IncludeClosure(root);
  return psqlContentHash(source, { closure, variables: new PsqlVariableScope(new Map()), singleLine: false });
}

async function viaApi(vector: Vector): Promise<string> {
  const input = resolveRefs(vector.input ?? {}) as Record<string, unknown>;
  switch (vector.hash) {
    case 'records':
      return hashRecords((vector.records ?? []).map(([key, value]) => [key, typeof value === 'string' ? value : bytesOf(value)]));
    case 'init_spec_hash':
      return initSpecHash(input as unknown as InitSpec);
    case 'base_id':
      return baseId(input.imageKey as string, input.initSpec as string);
    case 'build_conf':
      return buildConf(input as Record<string, string>);
    case 'psql_content_hash':
      return contentHash(input as unknown as { source: PsqlSource });
    case 'psql_task_hash':
      return psqlTaskHash(input as unknown as PsqlTaskKey);
    case 'state_id':
      return stateId(input as unknown as Parameters<typeof stateId>[0]);
    case 'job_signature':
      return jobSignature(input as unknown as Parameters<typeof jobSignature>[0]);
    default:
      throw new Error(`unknown hash type ${vector.hash}`);
  }
}

describe('golden hash vectors (engine.md §3)', () => {
  it.each(file.vectors.map((vector) => [vector.name, vector] as const))('%s: the expected value follows the §3.1 byte layout', (_name, vector) => {
    expect(vector.records === null ? '' : reference(vector.records)).toBe(vector.expected);
  });

  it.each(file.vectors.map((vector) => [vector.name, vector] as const))('%s: the implementation reproduces it', async (_name, vector) => {
    expect(await viaApi(vector)).toBe(vector.expected);
  });

  it('cover every hash type of §3.2', () => {
    const types = new Set(file.vectors.map((vector) => vector.hash));
    expect([...types].sort()).toEqual(
      ['base_id', 'build_conf', 'init_spec_hash', 'job_signature', 'psql_content_hash', 'psql_task_hash', 'records', 'state_id'],
    );
  });

  it('belong to the current cache schema, and changing them requires bumping CACHE_SCHEMA', () => {
    expect(file.cache_schema).toBe(CACHE_SCHEMA);
    const digest = createHash('sha256')
      .update(file.vectors.map((vector) => `${vector.name}=${vector.expected}`).join('\n'))
      .digest('hex');
    expect({ schema: CACHE_SCHEMA, digest }).toEqual({ schema: CACHE_SCHEMA, digest: SCHEMA_PINS[CACHE_SCHEMA] });
  });
});
