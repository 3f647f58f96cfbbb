import { describe, expect, it } from 'vitest';
import { instanceRedirectLocation } from '../src/index.js';

const ID = '4be1d2c3a0b1c2d3e4f5a6b7c8d9e0f1';

describe('instanceRedirectLocation', () => {
  it('points at the instance id', () => {
    expect(instanceRedirectLocation(ID, '/v1/instances/dev', '')).toBe(`/v1/instances/${ID}`);
  });

  it('keeps the sub-path and the query string', () => {
    expect(instanceRedirectLocation(ID, '/v1/instances/dev/reset', '?force=true')).toBe(
      `/v1/instances/${ID}/reset?force=true`,
    );
  });
});
