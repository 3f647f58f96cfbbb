import { describe, expect, it } from 'vitest';
import { buildNumber } from '../../src/docker/docker-start.js';

describe('buildNumber', () => {
  it('reads <n> from a tmp/build-<job>-<n> directory or its data/ child', () => {
    expect(buildNumber('/s/tmp/build-0123456789abcdef0123456789abcdef-3')).toBe(3);
    expect(buildNumber('/s/tmp/build-0123456789abcdef0123456789abcdef-12/data')).toBe(12);
    expect(buildNumber('/s/instances/0123456789abcdef0123456789abcdef/data')).toBe(0);
  });
});
