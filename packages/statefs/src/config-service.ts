import { readFile } from 'node:fs/promises';
import {
  CONFIG_DEFAULTS,
  applyConfigDelete,
  applyConfigSet,
  configKeysAt,
  issueSentence,
  mergeConfig,
  readConfigValue,
  validateOverrides,
} from '@sqlrs/contract';
import type {
  ConfigChange,
  ConfigGetOptions,
  ConfigOverrides,
  ConfigStore,
  ConfigUpdate,
  ConfigValue,
  EngineConfig,
} from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { Logger } from '@sqlrs/telemetry';
import { writeFileAtomic } from './write-file-atomic.js';

/** Where the overrides live and who hears about changes. */
export interface ConfigServiceOptions {
  /** `<root>/config.json`; its directory must exist. */
  path: string;
  /** Called after every successful set or delete, like a listener added with `subscribe`. */
  onChange?: (change: ConfigChange) => void;
  logger?: Logger;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function startupError(path: string, message: string, options: { details?: string; issues?: SqlrsError['issues']; cause?: unknown }): SqlrsError {
  return new SqlrsError('invalid_argument', `config file ${path} ${message}; fix or delete it, then start the engine again`, {
    ...options,
    data: { exitCode: 3 },
  });
}

async function loadOverrides(path: string): Promise<ConfigOverrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw startupError(path, 'cannot be read', { details: (error as Error).message, cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw startupError(path, 'is not valid JSON', { details: (error as Error).message, cause: error });
  }
  const result = validateOverrides(parsed);
  if (!result.ok) {
    const details = result.issues.map(issueSentence).join('; ');
    throw startupError(path, 'has invalid values', { details, issues: result.issues });
  }
  return result.value;
}

/** The `ConfigStore` of the engine, whose `subscribe` is always there. */
export interface ConfigService extends ConfigStore {
  subscribe(listener: (change: ConfigChange) => void): () => void;
}

// The config service over `config.json` (api.md §8): validated overrides on top of code defaults.
class FileConfigService implements ConfigService {
  readonly #path: string;
  readonly #logger: Logger | undefined;
  readonly #listeners = new Set<(change: ConfigChange) => void>();
  #overrides: ConfigOverrides;
  #effective: EngineConfig;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ConfigServiceOptions, overrides: ConfigOverrides) {
    this.#path = options.path;
    this.#logger = options.logger;
    this.#overrides = deepFreeze(overrides);
    this.#effective = deepFreeze(mergeConfig(CONFIG_DEFAULTS, overrides));
    if (options.onChange !== undefined) this.#listeners.add(options.onChange);
  }

  get(path?: undefined, options?: ConfigGetOptions): ConfigOverrides;
  get(path: string, options?: ConfigGetOptions): ConfigValue;
  get(path?: string, options: ConfigGetOptions = {}): ConfigOverrides | ConfigValue {
    if (path === undefined) return options.effective === true ? this.#effective : this.#overrides;
    return readConfigValue(this.#overrides, path, options);
  }

  set(path: string, value: unknown): Promise<ConfigValue> {
    return this.#change(() => applyConfigSet(this.#overrides, path, value));
  }

  delete(path: string): Promise<ConfigValue> {
    return this.#change(() => applyConfigDelete(this.#overrides, path));
  }

  effective(): EngineConfig {
    return this.#effective;
  }

  subscribe(listener: (change: ConfigChange) => void): () => void {
    const entry = (change: ConfigChange): void => listener(change);
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  // Changes run one at a time, so each starts from the overrides the previous one stored.
  #change(compute: () => ConfigUpdate): Promise<ConfigValue> {
    const run = this.#queue.then(async () => {
      const update = compute();
      await this.#persist(update.overrides);
      this.#overrides = deepFreeze(update.overrides);
      this.#effective = deepFreeze(update.effective);
      this.#notify({ path: update.answer.path, keys: configKeysAt(update.answer.path), effective: this.#effective });
      return update.answer;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #persist(overrides: ConfigOverrides): Promise<void> {
    try {
      await writeFileAtomic(this.#path, `${JSON.stringify(overrides, null, 2)}\n`, 0o600);
    } catch (error) {
      throw new SqlrsError('internal_error', 'cannot update config', {
        details: `writing ${this.#path} failed: ${(error as Error).message}`,
        cause: error,
      });
    }
  }

  #notify(change: ConfigChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        // The change is stored already; a failing listener must not turn it into an error answer.
        this.#logger?.error({ err: error, path: change.path }, 'config listener failed');
      }
    }
  }
}

/**
 * Opens the config service: loads and validates `config.json` (absent = no overrides) and throws
 * `invalid_argument` with `data.exitCode` 3 naming the file when it is unreadable, not JSON, or invalid.
 */
export async function openConfigService(options: ConfigServiceOptions): Promise<ConfigService> {
  return new FileConfigService(options, await loadOverrides(options.path));
}
