import type { ConfigKey } from './config-keys.js';
import type { ConfigOverrides } from './config-overrides.js';
import type { EngineConfig } from './config-schema.js';
import type { ConfigValue } from './config-value.js';

/** Options of {@link ConfigStore.get}. */
export interface ConfigGetOptions {
  /** Defaults merged with overrides instead of the overrides alone. */
  effective?: boolean;
}

/** What a listener of {@link ConfigStore.subscribe} hears after a successful set or delete. */
export interface ConfigChange {
  /** The canonical path that was set or deleted. */
  path: string;
  /** The config keys the change touched. */
  keys: ConfigKey[];
  /** The effective config after the change. */
  effective: EngineConfig;
}

/**
 * The config service of api.md §8 (implemented by `statefs` over `config.json`). Errors are
 * `SqlrsError`s: `invalid path`, `path is required`, `invalid config value`, `path not found`.
 */
export interface ConfigStore {
  /** Without a path: the overrides, or the effective config with `effective: true`. */
  get(path?: undefined, options?: ConfigGetOptions): ConfigOverrides;
  /** With a path: its value; `not_found` when unset (with `effective: false`, defaults are unset). */
  get(path: string, options?: ConfigGetOptions): ConfigValue;
  /** Validates and persists a value; answers the stored value and `restart_required`. */
  set(path: string, value: unknown): Promise<ConfigValue>;
  /** Removes an override; answers the effective value after removal and `restart_required`. */
  delete(path: string): Promise<ConfigValue>;
  /** The current effective config. */
  effective(): EngineConfig;
  /** Registers a listener for changes; returns the function that unregisters it. */
  subscribe?(listener: (change: ConfigChange) => void): () => void;
}
