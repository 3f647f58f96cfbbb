import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { type ParsedLiquibaseArgs, type PrepareJobRequest, parseLiquibaseArgs, validateDefaultsFile, validateLiquibaseEnv } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { findOnPath, isExecutableFile } from '@sqlrs/runtime';

/** A Liquibase prepare request after api.md §4.3 checks, with everything planning and execution need. */
export interface LbRequest {
  parsed: ParsedLiquibaseArgs;
  env: Record<string, string>;
  /** Host directories of the search path (user roots, else work_dir, else the changelog's dir). */
  roots: string[];
  /** `--changelog-file` relative to its root, so host and docker runners record the same FILENAME. */
  changelogRelative: string;
  /** Bytes of the user's defaults file, or null (an empty one is passed then). */
  defaultsText: string | null;
  defaultsHash: string;
  /** `-D` parameters merged over defaults-file `parameter.*`. */
  parameters: Map<string, string>;
  /** `liquibase_exec` resolved to a path, or null. */
  exec: string | null;
}

function invalid(message: string, details?: string): SqlrsError {
  return new SqlrsError('invalid_argument', message, { ...(details === undefined ? {} : { details }), issues: [{ path: 'liquibase_args', message }] });
}

async function mustExist(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    throw invalid('path does not exist', `${path}: ${(error as Error).message}`);
  }
}

/** `liquibase_exec`: an absolute executable, or a command name on the engine's PATH (api.md §4.3). */
async function resolveExec(exec: string): Promise<string> {
  if (exec.startsWith('/')) {
    if (await isExecutableFile(exec)) return exec;
  } else if (!exec.includes('/')) {
    const found = await findOnPath(exec, process.env['PATH'] ?? '');
    if (found !== undefined) return found;
  }
  throw new SqlrsError('invalid_argument', 'liquibase_exec not found', { details: exec, issues: [{ path: 'liquibase_exec', message: 'liquibase_exec not found' }] });
}

function isLocal(path: string): boolean {
  return !path.includes('://') && !path.startsWith('classpath:');
}

/**
 * The §4.3 checks that need I/O on top of the contract's parser: `work_dir`, path existence,
 * the defaults-file denylist, `liquibase_exec`; then the search roots and the changelog's
 * path relative to its root (engine.md §2.5 "Logical paths").
 */
export async function validateLbRequest(request: PrepareJobRequest): Promise<LbRequest> {
  if (request.stdin !== undefined && request.stdin !== null) throw new SqlrsError('invalid_argument', 'stdin is not valid for prepare_kind lb', { issues: [{ path: 'stdin', message: 'stdin is not valid for prepare_kind lb' }] });
  const workDir = request.work_dir === undefined || request.work_dir === null || request.work_dir === '' ? null : request.work_dir;
  if (workDir !== null) {
    if (!workDir.startsWith('/')) throw new SqlrsError('invalid_argument', 'work_dir must be an absolute path', { details: workDir, issues: [{ path: 'work_dir', message: 'work_dir must be absolute' }] });
    const info = await stat(workDir).catch(() => undefined);
    if (info?.isDirectory() !== true) throw new SqlrsError('invalid_argument', 'work_dir must be an existing directory', { details: workDir, issues: [{ path: 'work_dir', message: 'work_dir must exist' }] });
  }
  const env = request.liquibase_env ?? {};
  validateLiquibaseEnv(env);
  const parsed = parseLiquibaseArgs(request.liquibase_args ?? [], workDir);
  for (const path of [parsed.changelogFile, parsed.defaultsFile, ...(parsed.searchPath ?? [])]) {
    if (path !== null && isLocal(path)) await mustExist(path);
  }
  if (parsed.changelogFile === null || !isLocal(parsed.changelogFile)) {
    throw invalid('--changelog-file is required and must be a file path (the engine derives the search path from it)');
  }
  let defaultsText: string | null = null;
  const parameters = new Map<string, string>();
  if (parsed.defaultsFile !== null) {
    defaultsText = await readFile(parsed.defaultsFile, 'utf8');
    for (const p of validateDefaultsFile(defaultsText, parsed.defaultsFile).parameters) parameters.set(p.name, p.value);
  }
  for (const p of parsed.parameters) parameters.set(p.name, p.value);
  const roots = parsed.searchPath ?? [workDir ?? dirname(parsed.changelogFile)];
  const root = roots.find((r) => parsed.changelogFile === r || (parsed.changelogFile as string).startsWith(r.endsWith(sep) ? r : r + sep));
  if (root === undefined) throw invalid('the changelog file must be inside the search path (or work_dir)', parsed.changelogFile);
  return {
    parsed,
    env,
    roots,
    changelogRelative: relative(root, parsed.changelogFile),
    defaultsText,
    defaultsHash: defaultsText === null ? '' : createHash('sha256').update(defaultsText, 'utf8').digest('hex'),
    parameters,
    exec: request.liquibase_exec === undefined || request.liquibase_exec === null ? null : await resolveExec(request.liquibase_exec),
  };
}
