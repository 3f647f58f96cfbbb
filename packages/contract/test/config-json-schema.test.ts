import { expect, test } from 'vitest';
import { configJsonSchema } from '../src/index.js';

type Node = { properties?: Record<string, Node> } & Record<string, unknown>;

test('is a 2020-12 schema of the closed key set, every key optional and annotated', () => {
  const schema = configJsonSchema() as Node;
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toBeUndefined();
  expect(Object.keys(schema.properties ?? {})).toEqual([
    'log',
    'runtime',
    'snapshot',
    'orchestrator',
    'cache',
    'instances',
    'events',
    'prepare',
    'build',
    'liquibase',
  ]);
  expect(schema.properties?.cache?.properties?.capacity?.properties?.minStateAge).toEqual({
    type: 'string',
    description: 'States younger than this are never evicted (Go duration).',
    default: '10m',
    'x-sqlrs-applies': 'live',
  });
  expect(schema.properties?.snapshot?.properties?.backend).toEqual({
    type: 'string',
    enum: ['auto', 'btrfs', 'reflink', 'copy'],
    description: 'Snapshot backend: auto, btrfs, reflink or copy.',
    default: 'auto',
    'x-sqlrs-applies': 'restart',
  });
  expect(schema.properties?.runtime?.properties?.portRange?.['x-sqlrs-extension']).toBe(true);
});
