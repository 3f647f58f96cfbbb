import { describe, expect, it } from 'vitest';
import {
  containerName,
  publishedPort,
  sandboxLabels,
  serverContainerSpec,
} from '../../src/docker/container-spec.js';
import type { ServerContainerInput } from '../../src/docker/container-spec.js';

const STORE = '0123456789abcdef0123456789abcdef';
const INSTANCE = 'fedcba9876543210fedcba9876543210';
const IMAGE = `sha256:${'e'.repeat(64)}`;

const base: ServerContainerInput = {
  name: `sqlrs-01234567-i-${INSTANCE}`,
  imageId: IMAGE,
  postgresPath: '/usr/lib/postgresql/15/bin/postgres',
  pgMajor: 15,
  purpose: 'instance',
  ownerId: INSTANCE,
  storeId: STORE,
  dataDir: `/store/instances/${INSTANCE}/data`,
  socketDir: `/store/instances/${INSTANCE}/run`,
  inputDirs: ['/work/migrations'],
  network: 'host',
  port: 15433,
  settings: { work_mem: '64MB', port: '1' },
  user: { uid: 105, gid: 108 },
  limits: { memoryBytes: 1 << 30, nanoCpus: 2_000_000_000 },
};

const mounts = [
  { Type: 'bind', Source: `/store/instances/${INSTANCE}/data`, Target: '/var/lib/postgresql/data', ReadOnly: false },
  { Type: 'bind', Source: `/store/instances/${INSTANCE}/run`, Target: '/var/run/postgresql', ReadOnly: false },
  { Type: 'bind', Source: `/store/instances/${INSTANCE}/run`, Target: `/store/instances/${INSTANCE}/run`, ReadOnly: false },
  { Type: 'bind', Source: '/work/migrations', Target: '/work/migrations', ReadOnly: true },
];

describe('serverContainerSpec', () => {
  it('builds a host-networked instance on the allocated port, engine-owned settings winning', () => {
    expect(serverContainerSpec(base)).toEqual({
      name: `sqlrs-01234567-i-${INSTANCE}`,
      Image: IMAGE,
      Entrypoint: ['/usr/lib/postgresql/15/bin/postgres'],
      Cmd: [
        '-D',
        '/var/lib/postgresql/data/pgdata',
        ...['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'port=15433'],
        ...['-c', 'recovery_init_sync_method=syncfs', '-c', 'synchronous_commit=off'],
        ...['-c', 'unix_socket_directories=/var/run/postgresql', '-c', 'unix_socket_permissions=0700', '-c', 'work_mem=64MB'],
      ],
      Env: ['PGDATA=/var/lib/postgresql/data/pgdata'],
      User: '105:108',
      Labels: { 'sqlrs.store': STORE, 'sqlrs.kind': 'instance', 'sqlrs.instance': INSTANCE },
      StopSignal: 'SIGINT',
      HostConfig: {
        Mounts: mounts,
        NetworkMode: 'host',
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        PidsLimit: 512,
        ShmSize: 256 * 1024 * 1024,
        Memory: 1 << 30,
        NanoCpus: 2_000_000_000,
      },
    });
  });

  it('builds a bridge-networked build sandbox: 5432 inside, published on 127.0.0.1 only', () => {
    const job = '11112222333344445555666677778888';
    const spec = serverContainerSpec({
      ...base,
      name: containerName(STORE, 'build', job, 2),
      purpose: 'build',
      ownerId: job,
      network: 'bridge',
      port: undefined,
      settings: {},
      inputDirs: [],
      user: { uid: 1000, gid: 1000, identityFiles: { passwd: '/store/tmp/id/passwd', group: '/store/tmp/id/group' } },
      limits: { shmBytes: 1 << 28 },
    });
    expect(spec).toEqual({
      name: `sqlrs-01234567-b-${job}-2`,
      Image: IMAGE,
      Entrypoint: ['/usr/lib/postgresql/15/bin/postgres'],
      Cmd: [
        '-D',
        '/var/lib/postgresql/data/pgdata',
        ...['-c', 'checkpoint_timeout=1h', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=*'],
        ...['-c', 'max_wal_senders=0', '-c', 'port=5432', '-c', 'recovery_init_sync_method=syncfs', '-c', 'synchronous_commit=off'],
        ...['-c', 'unix_socket_directories=/var/run/postgresql', '-c', 'unix_socket_permissions=0700', '-c', 'wal_level=minimal'],
      ],
      Env: ['PGDATA=/var/lib/postgresql/data/pgdata'],
      User: '1000:1000',
      Labels: { 'sqlrs.store': STORE, 'sqlrs.kind': 'build', 'sqlrs.job': job },
      StopSignal: 'SIGINT',
      ExposedPorts: { '5432/tcp': {} },
      HostConfig: {
        Mounts: [
          ...mounts.slice(0, 3),
          { Type: 'bind', Source: '/store/tmp/id/passwd', Target: '/etc/passwd', ReadOnly: true },
          { Type: 'bind', Source: '/store/tmp/id/group', Target: '/etc/group', ReadOnly: true },
        ],
        NetworkMode: 'bridge',
        PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        PidsLimit: 512,
        ShmSize: 1 << 28,
      },
    });
  });

  it('publishes a fixed host port in bridge mode when the caller chose one', () => {
    const spec = serverContainerSpec({ ...base, network: 'bridge', port: 16000 });
    expect(spec.HostConfig?.PortBindings).toEqual({ '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '16000' }] });
  });

  it('refuses host networking without a port', () => {
    expect(() => serverContainerSpec({ ...base, port: undefined })).toThrow('host networking needs an allocated port');
  });
});

describe('names and labels', () => {
  it('names sandboxes per purpose after the store prefix', () => {
    expect(containerName(STORE, 'instance', INSTANCE, 0)).toBe(`sqlrs-01234567-i-${INSTANCE}`);
    expect(containerName(STORE, 'build', 'j1', 3)).toBe('sqlrs-01234567-b-j1-3');
    expect(containerName(STORE, 'plan', 'j1', 0)).toBe('sqlrs-01234567-p-j1');
  });

  it('labels instances and runs with sqlrs.instance, jobs with sqlrs.job', () => {
    expect(sandboxLabels(STORE, 'run', 'i1')).toEqual({ 'sqlrs.store': STORE, 'sqlrs.kind': 'run', 'sqlrs.instance': 'i1' });
    expect(sandboxLabels(STORE, 'plan', 'j1')).toEqual({ 'sqlrs.store': STORE, 'sqlrs.kind': 'plan', 'sqlrs.job': 'j1' });
    expect(sandboxLabels(STORE, 'init', '')).toEqual({ 'sqlrs.store': STORE, 'sqlrs.kind': 'init' });
  });
});

describe('publishedPort', () => {
  it('reads the host port bound on 127.0.0.1 from inspect', () => {
    const inspect = {
      NetworkSettings: {
        Ports: { '5432/tcp': [{ HostIp: '::1', HostPort: '49000' }, { HostIp: '127.0.0.1', HostPort: '49153' }] },
      },
    } as unknown as Parameters<typeof publishedPort>[0];
    expect(publishedPort(inspect)).toBe(49153);
  });

  it('is undefined when nothing was published', () => {
    const inspect = { NetworkSettings: { Ports: { '5432/tcp': null } } } as unknown as Parameters<typeof publishedPort>[0];
    expect(publishedPort(inspect)).toBeUndefined();
  });
});
