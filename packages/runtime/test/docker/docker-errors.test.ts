import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { dockerFailure, isNotFound } from '../../src/docker/docker-errors.js';

function daemonError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) - ${message}`), { statusCode, json: { message } });
}

describe('dockerFailure', () => {
  it('turns a refused connection into unavailable naming the socket and the fix', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    expect(dockerFailure(refused, 'listing containers', '/var/run/docker.sock')).toEqual(
      new SqlrsError('unavailable', 'docker daemon is not reachable at /var/run/docker.sock; start Docker or set DOCKER_HOST, then retry', {
        details: 'connect ECONNREFUSED /var/run/docker.sock',
      }),
    );
  });

  it('tells a user without access to the socket what to do', () => {
    const denied = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' });
    expect(dockerFailure(denied, 'pinging', '/var/run/docker.sock').message).toBe(
      'permission denied on the docker daemon socket /var/run/docker.sock; run the engine as a user in the docker group, or set runtime.kind=process',
    );
  });

  it('keeps the daemon message of any other failure as details of an internal_error', () => {
    const failure = dockerFailure(daemonError(500, 'driver failed'), 'starting a build sandbox', '/s');
    expect(failure).toEqual(new SqlrsError('internal_error', 'docker failed while starting a build sandbox', { details: 'driver failed' }));
    expect(isNotFound(daemonError(404, 'No such container: x'))).toBe(true);
    expect(isNotFound(new Error('plain'))).toBe(false);
  });
});
