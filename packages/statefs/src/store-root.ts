import { isAbsolute, join, resolve } from 'node:path';

/** Where the store root comes from: the `--state-store` flag, the environment and the home dir. */
export interface StoreRootSources {
  flag?: string;
  env: Record<string, string | undefined>;
  homedir: string;
  /** Base for a relative flag or `SQLRS_STATE_STORE`; defaults to `process.cwd()`. */
  cwd?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The absolute state store root: the flag, else `SQLRS_STATE_STORE`, else
 * `$XDG_STATE_HOME/sqlrs`, else `<home>/.local/state/sqlrs`.
 */
export function resolveStoreRoot(sources: StoreRootSources): string {
  const cwd = sources.cwd ?? process.cwd();
  const explicit = nonEmpty(sources.flag) ?? nonEmpty(sources.env['SQLRS_STATE_STORE']);
  if (explicit !== undefined) return resolve(cwd, explicit);
  const xdg = nonEmpty(sources.env['XDG_STATE_HOME']);
  // The XDG spec says relative paths in these variables are invalid and must be ignored.
  if (xdg !== undefined && isAbsolute(xdg)) return resolve(xdg, 'sqlrs');
  return resolve(join(sources.homedir, '.local', 'state', 'sqlrs'));
}
