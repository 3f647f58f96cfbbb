import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import {
  type FileHashOptions,
  type OpenedFile,
  fileKey,
  isMissing,
  memoFor,
  openRegularFile,
  readChunks,
  sha256OfOpenFile,
} from './file-hasher.js';
import { type HashRecordOrStream, hashRecordsStream } from './hash-records.js';
import type { IncludeClosure } from './include-closure.js';
import { PsqlLexer, scanPsqlCommand } from './psql-lexer.js';
import type { PsqlDependency } from './psql-meta-effects.js';
import type { PsqlVariableScope } from './psql-variables.js';

/** One psql input source, already parsed from the arguments (api.md §4.2). */
export type PsqlSource = { kind: 'command'; sql: string } | { kind: 'file'; path: string } | { kind: 'stdin'; text: string };

/** What hashing one step's source needs: the request's closure, the step's variables, the memo. */
export interface ContentHashContext extends FileHashOptions {
  closure: IncludeClosure;
  variables: PsqlVariableScope;
  singleLine: boolean;
}

const DOMAIN = 'sqlrs.psql.content.v1';
const encoder = new TextEncoder();

async function* tap(chunks: AsyncIterable<Uint8Array>, each: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    each(chunk);
    yield chunk;
  }
}

function missingInput(dep: PsqlDependency, path: string, where: string, closure: IncludeClosure): SqlrsError {
  if (dep.kind === 'include') {
    return new SqlrsError('invalid_argument', `${where} includes ${path}, which does not exist; create it or move the include inside \\if`, {
      details: `include chain: ${closure.chain(`${path} (included at ${where})`)}`,
    });
  }
  const hint = /:['"{]?[A-Za-z_]/.test(dep.path) ? '; psql does not substitute variables in \\copy' : '';
  return new SqlrsError('invalid_argument', `${where} reads data from ${path}, which does not exist; create it${hint}`, {
    details: `include chain: ${closure.chain(`${path} (read at ${where})`)}`,
  });
}

/** The `dep_kind`/`dep_hash` records of a source's dependencies, hashing each child in turn. */
async function* dependencyRecords(
  deps: readonly PsqlDependency[],
  source: { label: string; path: string | null; conditional: boolean },
  ctx: ContentHashContext,
): AsyncGenerator<HashRecordOrStream> {
  for (const dep of deps) {
    const where = `${source.label}:${dep.line}`;
    const path = ctx.closure.resolve(dep, source.path, where);
    const inBranch = source.conditional || dep.conditional;
    let file: OpenedFile;
    try {
      file = await openRegularFile(path, where);
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (!inBranch) throw missingInput(dep, path, where, ctx.closure);
      ctx.closure.record({ kind: 'include_missing', path });
      yield ['dep_kind', 'include_missing'];
      yield ['dep_hash', path];
      continue;
    }
    if (dep.kind === 'include') {
      yield ['dep_kind', 'include'];
      yield ['dep_hash', await hashScriptFile(file, { from: where, conditional: inBranch }, ctx)];
      continue;
    }
    try {
      const size = Number(file.stat.size);
      ctx.closure.count(fileKey(file.stat), size, where);
      const sha256 = await sha256OfOpenFile(file, ctx);
      ctx.closure.record({ kind: 'copy_data', path, sha256, size });
      yield ['dep_kind', 'copy_data'];
      yield ['dep_hash', sha256];
    } finally {
      await file.handle.close();
    }
  }
}

/** content_hash of a script file, streamed once through the hash, its own sha256 and the lexer. */
async function hashScriptFile(
  file: OpenedFile,
  at: { from: string | null; conditional: boolean },
  ctx: ContentHashContext,
): Promise<string> {
  const { closure } = ctx;
  const size = Number(file.stat.size);
  let open = true;
  const close = async (): Promise<void> => {
    if (open) await file.handle.close();
    open = false;
  };
  try {
    closure.enter(fileKey(file.stat), file.path, at.from);
    closure.count(fileKey(file.stat), size, at.from ?? file.path);
    const lexer = new PsqlLexer({ label: file.path, variables: ctx.variables, singleLine: ctx.singleLine, readsStdin: false });
    const raw = createHash('sha256');
    const hashedAt = (ctx.now ?? Date.now)();
    const chunks = tap(readChunks(file.handle), (chunk) => {
      raw.update(chunk);
      lexer.write(chunk);
    });
    const records = async function* (): AsyncGenerator<HashRecordOrStream> {
      yield ['domain', DOMAIN];
      yield ['source_kind', 'script'];
      yield { key: 'bytes', size, chunks, label: file.path };
      lexer.end();
      await close();
      const sha256 = raw.digest('hex');
      ctx.memo?.putFileHashMemo(memoFor(file, sha256, hashedAt));
      closure.record({ kind: 'script', path: file.path, sha256, size });
      yield* dependencyRecords(lexer.dependencies, { label: file.path, path: file.path, conditional: at.conditional }, ctx);
    };
    const hash = await hashRecordsStream(records());
    closure.leave();
    return hash;
  } finally {
    await close();
  }
}

/** content_hash of `-c` text or stdin text (engine.md §3.2). */
async function hashText(text: string, kind: 'command' | 'script', ctx: ContentHashContext): Promise<string> {
  const label = kind === 'command' ? '-c' : 'stdin';
  const bytes = encoder.encode(text);
  ctx.closure.count(null, bytes.byteLength, label);
  ctx.closure.enter(`text:${label}`, label, null);
  const options = { label, variables: ctx.variables, singleLine: ctx.singleLine, readsStdin: kind === 'script' };
  let deps: readonly PsqlDependency[];
  if (kind === 'command') deps = scanPsqlCommand(text, options);
  else {
    const lexer = new PsqlLexer(options);
    lexer.write(bytes);
    lexer.end();
    deps = lexer.dependencies;
  }
  const records = async function* (): AsyncGenerator<HashRecordOrStream> {
    yield ['domain', DOMAIN];
    yield ['source_kind', kind];
    yield ['bytes', bytes];
    yield* dependencyRecords(deps, { label, path: null, conditional: false }, ctx);
  };
  const hash = await hashRecordsStream(records());
  ctx.closure.leave();
  return hash;
}

/** The psql content_hash of one source with its whole include closure (engine.md §2.3, §3.2). */
export async function psqlContentHash(source: PsqlSource, ctx: ContentHashContext): Promise<string> {
  if (source.kind === 'command') return hashText(source.sql, 'command', ctx);
  if (source.kind === 'stdin') return hashText(source.text, 'script', ctx);
  let file: OpenedFile;
  try {
    file = await openRegularFile(posix.normalize(source.path), '-f');
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new SqlrsError('invalid_argument', `cannot read file ${source.path}; check the -f path`, {
      details: `${source.path}: ${(error as Error).message}`,
    });
  }
  return hashScriptFile(file, { from: null, conditional: false }, ctx);
}
