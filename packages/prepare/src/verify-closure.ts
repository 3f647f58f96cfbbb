import { stat } from 'node:fs/promises';
import { isSqlrsError } from '@sqlrs/errors';
import { type FileHashOptions, isMissing, sha256OfFile } from './file-hasher.js';
import { inputsChanged } from './hash-errors.js';
import type { ClosureEntry } from './include-closure.js';

async function stillMissing(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    if (isMissing(error)) return;
    throw inputsChanged(`${path}: ${(error as Error).message}`);
  }
  throw inputsChanged(`${path}: did not exist at submit and exists now`);
}

async function currentHash(path: string, options: FileHashOptions): Promise<string> {
  try {
    return await sha256OfFile(path, 'closure re-check', options);
  } catch (error) {
    if (isMissing(error)) throw inputsChanged(`${path}: no longer exists`);
    if (isSqlrsError(error) && error.code === 'invalid_argument') {
      throw error.message.startsWith('inputs changed') ? error : inputsChanged(`${path}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Re-hashes a step's closure (engine.md §2.4) right before and after execution; any difference
 * from what was planned fails `invalid_argument` "inputs changed after submit".
 */
export async function verifyClosure(closure: readonly ClosureEntry[], options: FileHashOptions = {}): Promise<void> {
  for (const entry of closure) {
    if (entry.kind === 'include_missing') {
      await stillMissing(entry.path);
      continue;
    }
    const sha256 = await currentHash(entry.path, options);
    if (sha256 !== entry.sha256) throw inputsChanged(`${entry.path}: content changed since it was hashed`);
  }
}
