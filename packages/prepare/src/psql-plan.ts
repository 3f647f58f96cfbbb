import { posix } from 'node:path';
import { type PsqlSourceKind, type StepInputKind, psqlTaskHash, stateId } from './cache-keys.js';
import { type PsqlSource, psqlContentHash } from './content-hash.js';
import type { FileHashOptions } from './file-hasher.js';
import { type ClosureEntry, type ClosureLimits, DEFAULT_CLOSURE_LIMITS, IncludeClosure } from './include-closure.js';
import { type NameValues, sortedEntries } from './name-values.js';
import { PsqlVariableScope } from './psql-variables.js';

/** A psql prepare request after argument parsing (api.md §4.2) and image resolution. */
export interface PsqlPlanRequest {
  /** Input sources in order: each `-c`, `-f file` and `-f -` is one step. */
  steps: readonly PsqlSource[];
  /** `-v` variables, resolved last-wins. */
  variables: NameValues;
  singleTransaction: boolean;
  singleLine: boolean;
  imageKey: string;
  initSpecHash: string;
  buildConf: string;
}

/** Hashing seams for planning: the file memo, the clock, and the closure limits. */
export interface PsqlPlanOptions extends FileHashOptions {
  limits?: ClosureLimits;
}

/** One `state_execute` step of the chain (engine.md §2.1) with its closure for §2.4 re-verification. */
export interface PlannedPsqlStep {
  taskHash: string;
  outputStateId: string;
  inputKind: StepInputKind;
  inputId: string;
  argsSummary: string;
  sourceKind: PsqlSourceKind;
  /** The step's content_hash; empty for the `empty` step. */
  contentHash: string;
  closure: ClosureEntry[];
}

/** The planned chain and psql's working directory (the first `-f` file's directory, or null). */
export interface PsqlPlan {
  cwd: string | null;
  steps: PlannedPsqlStep[];
}

const SUMMARY_CHARS = 200;

/** `args_summary` of api.md §4.10: `-f <path>`, `-f -`, `-c <sql, ≤200 chars>`. */
function argsSummary(source: PsqlSource | null): string {
  if (source === null) return '(empty)';
  if (source.kind === 'file') return `-f ${source.path}`;
  if (source.kind === 'stdin') return '-f -';
  const chars = Array.from(`-c ${source.sql.replace(/\s+/g, ' ').trim()}`);
  return chars.length <= SUMMARY_CHARS ? chars.join('') : `${chars.slice(0, SUMMARY_CHARS - 1).join('')}…`;
}

/** psql's working directory: the directory of the request's first `-f` file (engine.md §2.2). */
function workingDirectory(steps: readonly PsqlSource[]): string | null {
  const first = steps.find((step) => step.kind === 'file');
  return first?.kind === 'file' ? posix.dirname(posix.normalize(first.path)) : null;
}

/**
 * Plans a psql prepare: hashes every step's content with its include closure and derives the
 * chain of task hashes and state ids (engine.md §2.1–§2.3, §3.2); zero steps give one `empty` step.
 */
export async function planPsql(request: PsqlPlanRequest, options: PsqlPlanOptions = {}): Promise<PsqlPlan> {
  const cwd = workingDirectory(request.steps);
  const closure = new IncludeClosure(cwd, options.limits ?? DEFAULT_CLOSURE_LIMITS);
  const psqlVariables = new Map([...sortedEntries(request.variables), ['ON_ERROR_STOP', '1']]);
  const sources: (PsqlSource | null)[] = request.steps.length === 0 ? [null] : [...request.steps];
  const steps: PlannedPsqlStep[] = [];
  let input: { inputKind: StepInputKind; inputId: string } = { inputKind: 'image', inputId: request.imageKey };
  for (const source of sources) {
    const variables = new PsqlVariableScope(psqlVariables);
    const contentHash =
      source === null ? '' : await psqlContentHash(source, { ...options, closure, variables, singleLine: request.singleLine });
    const sourceKind: PsqlSourceKind = source === null ? 'empty' : source.kind === 'command' ? 'command' : 'script';
    const taskHash = psqlTaskHash({
      initSpecHash: request.initSpecHash,
      buildConf: request.buildConf,
      sourceKind,
      contentHash,
      singleTransaction: request.singleTransaction,
      singleLine: request.singleLine,
      variables: request.variables,
    });
    const outputStateId = stateId({ ...input, taskHash });
    steps.push({ taskHash, outputStateId, ...input, argsSummary: argsSummary(source), sourceKind, contentHash, closure: closure.takeEntries() });
    input = { inputKind: 'state', inputId: outputStateId };
  }
  return { cwd, steps };
}
