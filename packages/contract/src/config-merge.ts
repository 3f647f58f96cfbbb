import type { ConfigOverrides } from './config-overrides.js';
import type { EngineConfig } from './config-schema.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeValue(base[key], value);
  return out;
}

/**
 * The effective config: `overrides` laid over `defaults` object by object; a leaf override
 * (null and arrays included) replaces the default. Neither input is modified.
 */
export function mergeConfig(defaults: EngineConfig, overrides: ConfigOverrides): EngineConfig {
  return mergeValue(defaults, overrides) as EngineConfig;
}
