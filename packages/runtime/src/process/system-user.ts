import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SqlrsError } from '@sqlrs/errors';

const run = promisify(execFile);

/** The numeric identity PostgreSQL runs as when the engine is root. */
export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** Looks a user up through the system's name service (`id -u`, `id -g`), so NSS users count too. */
export async function lookupSystemUser(name: string): Promise<SystemUser> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number.parseInt(uid.stdout.trim(), 10), gid: Number.parseInt(gid.stdout.trim(), 10) };
  } catch (error) {
    throw new SqlrsError(
      'unavailable',
      `system user "${name}" does not exist; PostgreSQL refuses to run as root, so create it ` +
        `(useradd --system --user-group ${name}) or set runtime.process.user`,
      { details: (error as Error).message, cause: error },
    );
  }
}
