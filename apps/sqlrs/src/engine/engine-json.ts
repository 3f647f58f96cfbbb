// Reads engine.json, the discovery file a running engine writes into its store (api.md §1.1).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { EngineJson } from '@sqlrs/contract';

/** The fields of engine.json (camelCase, compat). */
export type { EngineJson };

/** `<store>/engine.json`. */
function engineJsonPath(storeRoot: string): string {
  return path.join(storeRoot, 'engine.json');
}

/** The parsed engine.json, or undefined when it is absent, half-written or not an engine.json. */
export async function readEngineJson(storeRoot: string): Promise<EngineJson | undefined> {
  let text: string;
  try {
    text = await readFile(engineJsonPath(storeRoot), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = EngineJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
