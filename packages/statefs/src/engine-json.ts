import { readFile, rm } from 'node:fs/promises';
import { EngineJson } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { writeFileAtomic } from './write-file-atomic.js';

/** The discovery file of a running engine (api.md §1.1), as `@sqlrs/contract` defines it. */
export type { EngineJson };

/** Writes `engine.json` atomically with mode 0600, fields in the api.md order. */
export async function writeEngineJson(path: string, info: EngineJson): Promise<void> {
  const checked = EngineJson.safeParse(info);
  if (!checked.success) {
    throw new SqlrsError('internal_error', 'refusing to write an invalid engine.json', {
      issues: checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const { endpoint, pid, startedAt, authToken, version, instanceId } = checked.data;
  const text = JSON.stringify({ endpoint, pid, startedAt, authToken, version, instanceId });
  await writeFileAtomic(path, `${text}\n`, 0o600);
}

/** Reads `engine.json`; undefined when it is absent or not a valid engine.json. */
export async function readEngineJson(path: string): Promise<EngineJson | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SqlrsError('internal_error', `cannot read ${path}; check its permissions`, {
      details: (error as Error).message,
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = EngineJson.safeParse(parsed);
  return result.success ? result.data : undefined;
}

/** Removes `engine.json` only if it still names this engine process; returns whether it did. */
export async function removeEngineJson(path: string, instanceId: string): Promise<boolean> {
  const current = await readEngineJson(path);
  if (current?.instanceId !== instanceId) return false;
  await rm(path, { force: true });
  return true;
}
