import { describe, expect, it } from 'vitest';
import { apiVersionSupported, isRootless } from '../../src/docker/docker-probe.js';

describe('apiVersionSupported', () => {
  it('accepts 1.41 and newer, rejects older or unreadable versions', () => {
    expect(['1.41', '1.50', '2.0'].map(apiVersionSupported)).toEqual([true, true, true]);
    expect(['1.40', '1.9', '', 'x.y'].map(apiVersionSupported)).toEqual([false, false, false, false]);
  });
});

describe('isRootless', () => {
  it('reads name=rootless from the security options', () => {
    expect(isRootless({ SecurityOptions: ['name=seccomp,profile=default', 'name=rootless'] })).toBe(true);
    expect(isRootless({ SecurityOptions: ['name=seccomp,profile=default', 'name=cgroupns'] })).toBe(false);
    expect(isRootless({ SecurityOptions: null })).toBe(false);
  });
});
