import { CONFIG_DEFAULTS } from './config-defaults.js';
import { getAtPath, parseConfigPath } from './config-path.js';
import type { ConfigPathSegment } from './config-path.js';

/** When a changed config key takes effect (api.md §8 "applies"). */
export type ConfigApplies =
  | 'live'
  | 'restart'
  | 'new_jobs'
  | 'new_instances'
  | 'new_sandboxes'
  | 'new_steps'
  | 'new_states';

/** Metadata of one config key. */
export interface ConfigKeyInfo {
  applies: ConfigApplies;
  /** An sqlrs addition (api.md tag "ext"). */
  extension: boolean;
  description: string;
}

function key(applies: ConfigApplies, extension: boolean, description: string): ConfigKeyInfo {
  return { applies, extension, description };
}

/** Every config key of api.md §8 (the closed key set) by its dotted path. */
export const CONFIG_KEYS = {
  'log.level': key('live', false, 'Log level: debug, info, warn or error (input case-insensitive).'),
  'runtime.kind': key('restart', true, 'Runtime: auto, docker or process; auto is resolved once at startup.'),
  'snapshot.backend': key('restart', false, 'Snapshot backend: auto, btrfs, reflink or copy.'),
  'orchestrator.jobs.maxIdentical': key('live', false, 'Finished jobs kept per signature; 0 or null keeps all.'),
  'orchestrator.jobs.maxConcurrent': key('live', true, 'Build sandboxes at once, 1..32.'),
  'orchestrator.jobs.timeout': key('new_jobs', true, 'Longest run time of a prepare job (Go duration).'),
  'cache.capacity.maxBytes': key('live', false, 'Cache limit in bytes; 0 or null couples it to the store size.'),
  'cache.capacity.reserveBytes': key('live', false, 'Free space to keep; null = min(10 GiB, 10 % of the store filesystem).'),
  'cache.capacity.highWatermark': key('live', false, 'Usage fraction in (0, 1] that starts eviction.'),
  'cache.capacity.lowWatermark': key('live', false, 'Usage fraction eviction brings the cache down to; below highWatermark.'),
  'cache.capacity.minStateAge': key('live', false, 'States younger than this are never evicted (Go duration).'),
  'instances.defaultTtlSeconds': key('new_instances', true, 'TTL of new instances: 0 (never), 1..2592000, or null.'),
  'instances.expiredRetention': key('live', true, 'How long expired instance tombstones are kept (Go duration).'),
  'events.heartbeatInterval': key('live', true, 'Event stream keep-alive interval, 200ms..5s.'),
  'prepare.statementTimeout': key('new_steps', true, 'statement_timeout of prepare steps; 0 = none (Go duration).'),
  'build.serverSettings': key('new_states', true, 'PostgreSQL settings (name -> value) for builds; part of the cache key.'),
  'runtime.docker.network': key('new_sandboxes', true, 'Docker network mode: auto, host or bridge.'),
  'runtime.docker.memoryBytes': key('new_sandboxes', true, 'Container memory limit in bytes, or null.'),
  'runtime.docker.nanoCpus': key('new_sandboxes', true, 'Container CPU limit in units of 1e-9 CPUs, or null.'),
  'runtime.process.binDir': key('restart', true, 'Directory of host PostgreSQL binaries (absolute), or null to search.'),
  'runtime.process.user': key('restart', true, 'User to run PostgreSQL as when the engine runs as root.'),
  'runtime.portRange': key('new_sandboxes', true, 'Ports for sandboxes and instances: [low, high] in 1024..65535.'),
  'liquibase.exec': key('live', true, 'Liquibase executable for host mode, or null for the pinned distribution.'),
  'liquibase.image': key('new_jobs', true, 'Liquibase image (Docker runner), or null for host mode.'),
} as const satisfies Record<string, ConfigKeyInfo>;

/** A dotted config key of the closed key set. */
export type ConfigKey = keyof typeof CONFIG_KEYS;

const KEY_PATHS = (Object.keys(CONFIG_KEYS) as ConfigKey[]).map((name) => ({ name, segments: parseConfigPath(name) }));

/** True when `value` is one of the config keys. */
export function isConfigKey(value: string): value is ConfigKey {
  return Object.hasOwn(CONFIG_KEYS, value);
}

/** The default of a config key (from {@link CONFIG_DEFAULTS}). */
export function configDefault(key: ConfigKey): unknown {
  return getAtPath(CONFIG_DEFAULTS, parseConfigPath(key));
}

/**
 * The keys a change at `path` touches: the key itself or the key containing it
 * (`runtime.portRange[0]`, `build.serverSettings.work_mem`), every key below a section
 * (`cache.capacity`), or none when the path is outside the key set.
 */
export function configKeysAt(path: string | readonly ConfigPathSegment[]): ConfigKey[] {
  const segments = typeof path === 'string' ? parseConfigPath(path) : path;
  // A key matches when one of the two paths is a prefix of the other.
  return KEY_PATHS
    .filter((k) => k.segments.every((segment, i) => i >= segments.length || segments[i] === segment))
    .map((k) => k.name);
}

/** True when a change at `path` takes effect only after an engine restart. */
export function isRestartRequired(path: string | readonly ConfigPathSegment[]): boolean {
  return configKeysAt(path).some((name) => CONFIG_KEYS[name].applies === 'restart');
}
