// The state store root, resolved the way the engine resolves it (packages/statefs store-root).
import * as os from 'node:os';
import * as path from 'node:path';

/** `--state-store`, else `$SQLRS_STATE_STORE`, else `$XDG_STATE_HOME/sqlrs`, else `~/.local/state/sqlrs`. */
export function resolveStoreRoot(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
  const explicit = nonEmpty(flag) ?? nonEmpty(env['SQLRS_STATE_STORE']);
  if (explicit !== undefined) return path.resolve(cwd, explicit);
  const xdg = nonEmpty(env['XDG_STATE_HOME']);
  // XDG says relative values are invalid and must be ignored.
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'sqlrs');
  return path.join(env['HOME'] ?? os.homedir(), '.local', 'state', 'sqlrs');
}
