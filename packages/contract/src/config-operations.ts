import { SqlrsError } from '@sqlrs/errors';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { configKeysAt, isRestartRequired } from './config-keys.js';
import type { ConfigKey } from './config-keys.js';
import { mergeConfig } from './config-merge.js';
import type { ConfigOverrides } from './config-overrides.js';
import { deleteAtPath, formatConfigPath, getAtPath, parseConfigPath, setAtPath } from './config-path.js';
import type { ConfigPathSegment } from './config-path.js';
import type { EngineConfig } from './config-schema.js';
import { configValueError, validateOverrides } from './config-validate.js';
import type { ConfigValue } from './config-value.js';

/** New overrides after a change, the effective config they give, and the api.md answer. */
export interface ConfigUpdate {
  overrides: ConfigOverrides;
  effective: EngineConfig;
  answer: ConfigValue;
}

function requirePath(path: string | undefined): ConfigPathSegment[] {
  if (path === undefined || path.trim() === '') {
    throw new SqlrsError('invalid_argument', 'path is required', {
      details: 'name a config key such as cache.capacity.maxBytes',
      issues: [{ path: 'path', message: 'path is required' }],
    });
  }
  return parseConfigPath(path);
}

function pathNotFound(path: string): SqlrsError {
  return new SqlrsError('not_found', 'path not found', {
    details: `${JSON.stringify(path)} has no value; GET /v1/config?effective=true lists every key`,
  });
}

function validated(next: unknown): { overrides: ConfigOverrides; effective: EngineConfig } {
  const result = validateOverrides(next);
  if (!result.ok) throw configValueError(result.issues);
  return { overrides: result.value, effective: mergeConfig(CONFIG_DEFAULTS, result.value) };
}

/** Copies the effective value of `key` into the overrides before a change inside it (`runtime.portRange[1]`). */
function seedKey(overrides: ConfigOverrides, key: ConfigKey, segments: ConfigPathSegment[]): unknown {
  const keySegments = parseConfigPath(key);
  if (segments.length <= keySegments.length || getAtPath(overrides, keySegments) !== undefined) return overrides;
  return setAtPath(overrides, keySegments, getAtPath(mergeConfig(CONFIG_DEFAULTS, overrides), keySegments));
}

/**
 * `PATCH /v1/config`: sets `value` at `path` in `overrides` (creating missing objects; a change
 * inside a key starts from its effective value) and validates the result; throws
 * "path is required", "invalid path" or "invalid config value".
 */
export function applyConfigSet(overrides: ConfigOverrides, path: string | undefined, value: unknown): ConfigUpdate {
  const segments = requirePath(path);
  const canonical = formatConfigPath(segments);
  const [key] = configKeysAt(segments);
  if (key === undefined) {
    const message = `unknown config key ${JSON.stringify(canonical)}; see GET /v1/config/schema`;
    throw configValueError([{ path: canonical, message }]);
  }
  const next = validated(setAtPath(seedKey(overrides, key, segments), segments, value));
  const stored = getAtPath(next.overrides, segments) ?? null;
  return { ...next, answer: { path: canonical, value: stored, restart_required: isRestartRequired(segments) } };
}

/**
 * `DELETE /v1/config?path=`: removes the override at `path`; the answer carries the effective value
 * after removal. Throws "path not found" when there is no override there.
 */
export function applyConfigDelete(overrides: ConfigOverrides, path: string | undefined): ConfigUpdate {
  const segments = requirePath(path);
  const canonical = formatConfigPath(segments);
  const removed = deleteAtPath(overrides, segments);
  if (!removed.removed) throw pathNotFound(canonical);
  const next = validated(removed.value);
  const effective = getAtPath(next.effective, segments) ?? null;
  return { ...next, answer: { path: canonical, value: effective, restart_required: isRestartRequired(segments) } };
}

/** `GET /v1/config?path=`: the override at `path`, or the effective value; throws "path not found". */
export function readConfigValue(overrides: ConfigOverrides, path: string, options: { effective?: boolean } = {}): ConfigValue {
  const segments = requirePath(path);
  const canonical = formatConfigPath(segments);
  const source = options.effective === true ? mergeConfig(CONFIG_DEFAULTS, overrides) : overrides;
  const value = getAtPath(source, segments);
  if (value === undefined) throw pathNotFound(canonical);
  return { path: canonical, value };
}
