// Reads engine.json, the discovery file a running engine writes into its store (api.md §1.1).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';

const EngineJsonSchema = z.object({
  endpoint: z.string().min(1),
  pid: z.number().int().positive(),
  startedAt: z.string(),
  authToken: z.string().min(1),
  version: z.string(),
  instanceId: z.string().min(1),
});

/** The fields of engine.json (camelCase, compat). */
export type EngineJson = z.infer<typeof EngineJsonSchema>;

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
    const parsed = EngineJsonSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
