// Where the engine binary is: $SQLRS_ENGINE, else the sibling app's build output.
import * as path from 'node:path';

/** `$SQLRS_ENGINE`, else `apps/sqlrs-engine/dist/main.js` relative to this CLI package. */
export function engineBinary(env: NodeJS.ProcessEnv): string {
  const fromEnv = env['SQLRS_ENGINE'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  // This file is apps/sqlrs/{src,dist}/engine/engine-binary.*; the engine is apps/sqlrs-engine/dist.
  return path.resolve(import.meta.dirname, '../../../sqlrs-engine/dist/main.js');
}
