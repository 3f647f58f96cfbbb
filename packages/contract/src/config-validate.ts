import type { ErrorIssue } from '@sqlrs/errors';
import type { SqlrsError } from '@sqlrs/errors';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { mergeConfig } from './config-merge.js';
import { ConfigOverrides } from './config-overrides.js';
import { EngineConfig } from './config-schema.js';
import { toErrorIssues, validationError } from './issues.js';

/** Outcome of a config validation: the parsed (normalised) config, or api.md issues. */
export type ConfigValidation<T> = { ok: true; value: T } | { ok: false; issues: ErrorIssue[] };

const unknownKey = (key: string): string => `unknown config key ${JSON.stringify(key)}; see GET /v1/config/schema`;

/** Checks a complete effective config: every key's rules and the rules between keys. */
export function validateEffective(config: unknown): ConfigValidation<EngineConfig> {
  const result = EngineConfig.safeParse(config);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toErrorIssues(result.error, { unknownKey }) };
}

/**
 * Checks `config.json` overrides: the closed key set and each key's rules, then the rules between
 * keys on the effective config they give with {@link CONFIG_DEFAULTS}. Returns normalised overrides.
 */
export function validateOverrides(overrides: unknown): ConfigValidation<ConfigOverrides> {
  const parsed = ConfigOverrides.safeParse(overrides);
  if (!parsed.success) return { ok: false, issues: toErrorIssues(parsed.error, { unknownKey }) };
  const effective = validateEffective(mergeConfig(CONFIG_DEFAULTS, parsed.data));
  return effective.ok ? { ok: true, value: parsed.data } : effective;
}

/** The `invalid_argument` "invalid config value" error of api.md §8 for `issues`. */
export function configValueError(issues: ErrorIssue[]): SqlrsError {
  return validationError(issues, 'invalid config value');
}
