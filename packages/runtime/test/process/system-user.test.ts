import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lookupSystemUser } from '../../src/process/system-user.js';

const run = promisify(execFile);

describe('lookupSystemUser', () => {
  it('reads uid and gid of an existing user', async () => {
    expect(await lookupSystemUser('root')).toEqual({ name: 'root', uid: 0, gid: 0 });
    const uid = Number((await run('id', ['-u'])).stdout.trim());
    const name = (await run('id', ['-un'])).stdout.trim();
    expect((await lookupSystemUser(name)).uid).toBe(uid);
  });

  it('fails with unavailable and the fix for a missing user', async () => {
    const error = await lookupSystemUser('sqlrs-no-such-user').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message:
        'system user "sqlrs-no-such-user" does not exist; PostgreSQL refuses to run as root, so create it ' +
        '(useradd --system --user-group sqlrs-no-such-user) or set runtime.process.user',
    });
  });
});
