import { describe, expect, it } from 'vitest';
import { serverSettings, settingsArgv } from '../src/server-settings.js';

const input = { port: 15432, listenAddresses: '127.0.0.1', socketDir: '/s/run', pgMajor: 15 };

describe('serverSettings', () => {
  it('gives instances the connection settings plus durability off', () => {
    expect(serverSettings('instance', input)).toEqual({
      listen_addresses: '127.0.0.1',
      port: '15432',
      unix_socket_directories: '/s/run',
      unix_socket_permissions: '0700',
      recovery_init_sync_method: 'syncfs',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    });
  });

  it('adds the build extras to build and plan sandboxes', () => {
    const build = {
      listen_addresses: '*',
      port: '5432',
      unix_socket_directories: '/var/run/postgresql',
      unix_socket_permissions: '0700',
      recovery_init_sync_method: 'syncfs',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      wal_level: 'minimal',
      max_wal_senders: '0',
      checkpoint_timeout: '1h',
    };
    const bridge = { port: 5432, listenAddresses: '*', socketDir: '/var/run/postgresql', pgMajor: 16 };
    expect(serverSettings('build', bridge)).toEqual(build);
    expect(serverSettings('plan', bridge)).toEqual(build);
  });

  it('leaves out recovery_init_sync_method before PostgreSQL 14 and quotes odd socket paths', () => {
    expect(serverSettings('instance', { ...input, pgMajor: 13, socketDir: '/a b/run,x' })).toEqual({
      listen_addresses: '127.0.0.1',
      port: '15432',
      unix_socket_directories: '"/a b/run,x"',
      unix_socket_permissions: '0700',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    });
  });
});

describe('settingsArgv', () => {
  it('renders sorted -c pairs', () => {
    expect(settingsArgv({ port: '1', fsync: 'off', application_name: 'a=b' })).toEqual([
      '-c',
      'application_name=a=b',
      '-c',
      'fsync=off',
      '-c',
      'port=1',
    ]);
  });
});
