import { z } from 'zod';
import { EngineConfigShape } from './config-schema.js';
import type { EngineConfig } from './config-schema.js';

/** `T` with every key optional at every object level; arrays and records of leaves stay whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends Record<string, unknown>
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** The overrides stored in `config.json`: any subset of the config keys. */
export type ConfigOverrides = DeepPartial<EngineConfig>;

function optionalDeep(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(schema.shape)) {
    shape[key] = (value instanceof z.ZodObject ? optionalDeep(value) : value).optional();
  }
  return z.strictObject(shape);
}

/** Schema of `config.json`: the closed key set, every key optional, per-key rules only. */
export const ConfigOverrides = optionalDeep(EngineConfigShape) as z.ZodType as z.ZodType<ConfigOverrides>;
