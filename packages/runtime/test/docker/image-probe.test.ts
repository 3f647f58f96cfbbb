import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { parseImageProbe } from '../../src/docker/image-probe.js';

const DEBIAN = [
  'sqlrs-bin /usr/lib/postgresql/15/bin/postgres',
  'sqlrs-version postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)',
  'sqlrs-uid 100',
  'sqlrs-gid 102',
  'sqlrs-locale C',
  'sqlrs-locale C.utf8',
  'sqlrs-locale POSIX',
  '',
].join('\n');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseImageProbe', () => {
  it('reads binary, version, uid/gid and locales of a Debian-packaged image', () => {
    expect(parseImageProbe('sqlrs-test/postgres:15', DEBIAN)).toEqual({
      postgresPath: '/usr/lib/postgresql/15/bin/postgres',
      pgVersion: '15.14',
      pgMajor: 15,
      runUid: 100,
      runGid: 102,
      locales: ['C', 'C.utf8', 'POSIX'],
    });
  });

  it('reads the official image layout (uid 999, pre-release versions, no locale -a)', () => {
    const output = [
      'sqlrs-bin /usr/local/bin/postgres',
      'sqlrs-version postgres (PostgreSQL) 17beta1',
      'sqlrs-uid 999',
      'sqlrs-gid 999',
    ].join('\r\n');
    expect(parseImageProbe('postgres:17', output)).toEqual({
      postgresPath: '/usr/local/bin/postgres',
      pgVersion: '17beta1',
      pgMajor: 17,
      runUid: 999,
      runGid: 999,
      locales: [],
    });
  });

  it('calls an image without postgres or without a postgres user unavailable, with the output as details', () => {
    const noBinary = 'sqlrs-bin \nsqlrs-version sh: 1: : Permission denied\nid: postgres: no such user\n';
    expect(thrown(() => parseImageProbe('alpine:3', noBinary))).toEqual(
      new SqlrsError(
        'unavailable',
        'image alpine:3 does not look like a PostgreSQL image (no postgres binary found); use an image that has postgres, initdb and a postgres user',
        { details: noBinary },
      ),
    );
    const noUser = DEBIAN.replace('sqlrs-uid 100', 'sqlrs-uid ');
    expect(thrown(() => parseImageProbe('x', noUser))).toEqual(
      new SqlrsError(
        'unavailable',
        'image x does not look like a PostgreSQL image (no postgres user); use an image that has postgres, initdb and a postgres user',
        { details: noUser },
      ),
    );
  });
});
