import type { EngineInfo } from '@sqlrs/contract';
import type { EngineInfoSource } from '@sqlrs/httpapi';
import type { Runtime } from '@sqlrs/runtime';
import type { Snapshotter } from '@sqlrs/snapshot';

/** How long probe results are reused (api.md §3.5). */
const PROBE_TTL_MS = 5000;

/** `GET /v1/engine`: identity plus the runtime, snapshot backend and Liquibase runner resolved at startup. */
export function engineInfoSource(o: {
  identity: { version: string; instanceId: string; pid: number; startedAt: string };
  storeRoot: string;
  storeId: string;
  runtime: Runtime;
  network: 'host' | 'bridge' | null;
  snapshotter: Snapshotter;
  liquibase: () => Promise<EngineInfo['liquibase']>;
  now: () => number;
}): EngineInfoSource {
  let cached: { at: number; runtime: EngineInfo['runtime'] } | undefined;
  const runtimeInfo = async (): Promise<EngineInfo['runtime']> => {
    if (cached !== undefined && o.now() - cached.at < PROBE_TTL_MS) return cached.runtime;
    const probe = await o.runtime.probe();
    const runtime: EngineInfo['runtime'] = probe.ok
      ? { kind: o.runtime.kind, version: probe.version, network: o.network, ok: true, reason: null }
      : { kind: o.runtime.kind, version: null, network: o.network, ok: false, reason: `${probe.reason}; ${probe.fix}` };
    cached = { at: o.now(), runtime };
    return runtime;
  };
  return {
    async engineInfo() {
      return {
        version: o.identity.version,
        instance_id: o.identity.instanceId,
        pid: o.identity.pid,
        started_at: o.identity.startedAt,
        store_root: o.storeRoot,
        store_id: o.storeId,
        runtime: await runtimeInfo(),
        snapshot_backend: o.snapshotter.kind,
        // Not cached here: the mode follows live config, and each runner memoises its version.
        liquibase: await o.liquibase(),
      };
    },
  };
}
