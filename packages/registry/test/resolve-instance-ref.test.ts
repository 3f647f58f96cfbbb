import { describe, expect, it } from 'vitest';
import { resolveInstanceRef, resolveRunTarget } from '../src/index.js';
import type { InstanceLookup } from '../src/index.js';

const ID = '4be1d2c3a0b1c2d3e4f5a6b7c8d9e0f1';
const OTHER = '00000000000000000000000000000001';

interface Row {
  id: string;
}

function lookup(instances: string[], names: Record<string, string>): InstanceLookup<Row> {
  return {
    instanceById: (id) => (instances.includes(id) ? { id } : undefined),
    instanceIdByName: (name) => names[name],
  };
}

describe('resolveInstanceRef (api.md §5.3)', () => {
  const l = lookup([ID, OTHER], { dev: ID });

  it('serves an existing instance by id, in any case', () => {
    expect(resolveInstanceRef(ID, l)).toEqual({ kind: 'instance', instance: { id: ID } });
    expect(resolveInstanceRef(ID.toUpperCase(), l)).toEqual({ kind: 'instance', instance: { id: ID } });
  });

  it('redirects a bound name to its instance id', () => {
    expect(resolveInstanceRef('dev', l)).toEqual({ kind: 'redirect', instanceId: ID });
  });

  it('answers not found for unknown ids, unbound names and prefixes', () => {
    expect(resolveInstanceRef('ffffffffffffffffffffffffffffffff', l)).toEqual({ kind: 'not_found' });
    expect(resolveInstanceRef('prod', l)).toEqual({ kind: 'not_found' });
    expect(resolveInstanceRef(ID.slice(0, 8), l)).toEqual({ kind: 'not_found' });
  });

  it('runs follow a name to its instance without a redirect', () => {
    expect(resolveRunTarget('dev', l)).toEqual({ id: ID });
    expect(resolveRunTarget(OTHER, l)).toEqual({ id: OTHER });
    expect(resolveRunTarget('nope', l)).toBeUndefined();
  });
});
