import { describe, expect, it } from 'vitest';
import { sidecarSpec } from '../../src/docker/docker-run-client.js';
import type { Sandbox } from '../../src/runtime.js';

const sandbox: Sandbox = {
  ref: { kind: 'docker', id: 'c0ffee', purpose: 'instance', ownerId: 'a'.repeat(32), storeId: 'f'.repeat(32), running: true },
  endpoint: { host: '127.0.0.1', port: 15432, innerPort: 15432, socketDir: '/s' },
};

describe('sidecarSpec', () => {
  it('joins the instance network namespace as the engine user with read-only input dirs and stdin', () => {
    const spec = sidecarSpec(
      sandbox,
      'sha256:img',
      { argv: ['psql', '-f', '/w/b/x.sql'], env: { PGPORT: '15432', PGHOST: '127.0.0.1' }, cwd: '/w/b', inputDirs: ['/w/b', '/w/a', '/w/b'], stdin: 'x' },
      { uid: 1000, gid: 1001 },
    );
    expect(spec).toEqual({
      Image: 'sha256:img',
      Entrypoint: ['psql'],
      Cmd: ['-f', '/w/b/x.sql'],
      Env: ['PGHOST=127.0.0.1', 'PGPORT=15432'],
      User: '1000:1001',
      WorkingDir: '/w/b',
      Labels: { 'sqlrs.store': 'f'.repeat(32), 'sqlrs.kind': 'run', 'sqlrs.instance': 'a'.repeat(32) },
      AttachStdin: true,
      OpenStdin: true,
      StdinOnce: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      HostConfig: {
        NetworkMode: 'container:c0ffee',
        AutoRemove: true,
        Mounts: [
          { Type: 'bind', Source: '/w/a', Target: '/w/a', ReadOnly: true },
          { Type: 'bind', Source: '/w/b', Target: '/w/b', ReadOnly: true },
        ],
      },
    });
  });

  it('without stdin the sidecar opens none and works in /', () => {
    const spec = sidecarSpec(sandbox, 'sha256:img', { argv: ['pgbench', '-n'], env: {}, inputDirs: [] }, { uid: 0, gid: 0 });
    expect({ stdin: [spec.AttachStdin, spec.OpenStdin, spec.StdinOnce], cwd: spec.WorkingDir, mounts: spec.HostConfig?.Mounts }).toEqual({
      stdin: [false, false, false],
      cwd: '/',
      mounts: [],
    });
  });
});
