import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** True when `path` is a regular file this process may execute. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` in the directories of `searchPath` (a PATH value), or undefined. */
export async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir !== '' && (await isExecutableFile(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}
