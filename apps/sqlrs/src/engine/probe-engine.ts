// Decides whether the engine named by engine.json is alive, ours and accepting work.
import { createClient } from '@sqlrs/client';
import type { SqlrsClient } from '@sqlrs/client';
import type { EngineJson } from './engine-json.js';

/** Outcome of a probe: a ready client, or why not. */
export type ProbeResult = { ok: true; client: SqlrsClient } | { ok: false; reason: 'unreachable' | 'shutting_down' | 'other_engine' | 'bad_token' };

/**
 * Health must answer with engine.json's instanceId (a port reused by another process or engine is
 * not ours) and `ok:true` (a shutting-down engine is not attached to); then one authenticated
 * call proves the token.
 */
export async function probeEngine(info: EngineJson, timeoutMs: number): Promise<ProbeResult> {
  const probe = createClient({ endpoint: info.endpoint, token: info.authToken, timeoutMs });
  try {
    const health = await probe.health();
    if (health.instanceId !== info.instanceId) return { ok: false, reason: 'other_engine' };
    if (!health.ok) return { ok: false, reason: 'shutting_down' };
    await probe.getConfig();
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, reason: code === 'unauthorized' ? 'bad_token' : 'unreachable' };
  }
  return { ok: true, client: createClient({ endpoint: info.endpoint, token: info.authToken }) };
}
