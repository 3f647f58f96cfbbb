import { z } from 'zod';
import { CONFIG_KEYS, configDefault } from './config-keys.js';
import type { ConfigKey } from './config-keys.js';
import { ConfigOverrides } from './config-overrides.js';

type JsonObject = Record<string, unknown>;

function propertyAt(root: JsonObject, key: string): JsonObject | undefined {
  let node: JsonObject | undefined = root;
  for (const segment of key.split('.')) {
    const properties = node?.properties as Record<string, JsonObject> | undefined;
    node = properties?.[segment];
  }
  return node;
}

/**
 * JSON Schema (2020-12) of `config.json` and of `GET /v1/config`: the closed key set, every key
 * optional, each key annotated with its `default`, `description` and `x-sqlrs-applies`.
 */
export function configJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(ConfigOverrides, { io: 'input' }) as JsonObject;
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const property = propertyAt(schema, key);
    if (property === undefined) continue;
    property.description = CONFIG_KEYS[key].description;
    property.default = configDefault(key);
    property['x-sqlrs-applies'] = CONFIG_KEYS[key].applies;
  }
  return schema;
}
