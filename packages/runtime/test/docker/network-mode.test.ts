import { describe, expect, it } from 'vitest';
import { daemonAddress, resolveNetworkMode } from '../../src/docker/network-mode.js';

describe('daemonAddress', () => {
  it('prefers the socket option, then DOCKER_HOST, then the default socket', () => {
    expect(daemonAddress('/run/user/1000/docker.sock', 'tcp://h:2375')).toEqual({ kind: 'unix', path: '/run/user/1000/docker.sock' });
    expect(daemonAddress(undefined, 'unix:///var/run/other.sock')).toEqual({ kind: 'unix', path: '/var/run/other.sock' });
    expect(daemonAddress(undefined, 'tcp://10.0.0.2:2376')).toEqual({ kind: 'remote', address: 'tcp://10.0.0.2:2376' });
    expect(daemonAddress(undefined, undefined)).toEqual({ kind: 'unix', path: '/var/run/docker.sock' });
  });
});

describe('resolveNetworkMode', () => {
  const local = { kind: 'unix', path: '/var/run/docker.sock' } as const;
  const linux = { OSType: 'linux', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)' };

  it('picks host for a native Linux daemon on a local socket', () => {
    expect(resolveNetworkMode('auto', local, linux)).toBe('host');
  });

  it('picks bridge for Docker Desktop, remote daemons and non-Linux daemons', () => {
    expect(resolveNetworkMode('auto', local, { OSType: 'linux', OperatingSystem: 'Docker Desktop' })).toBe('bridge');
    expect(resolveNetworkMode('auto', { kind: 'remote', address: 'tcp://h:2375' }, linux)).toBe('bridge');
    expect(resolveNetworkMode('auto', local, { OSType: 'windows', OperatingSystem: 'Windows Server' })).toBe('bridge');
  });

  it('keeps an explicit setting', () => {
    expect(resolveNetworkMode('bridge', local, linux)).toBe('bridge');
    expect(resolveNetworkMode('host', { kind: 'remote', address: 'tcp://h:2375' }, {})).toBe('host');
  });
});
