import { join } from 'node:path';
import { isRandomId } from '@sqlrs/id';
import { SqlrsError } from '@sqlrs/errors';
import type { StoreLayout } from './store-layout.js';

/** What decides an instance's socket directory: the server port, the engine uid and the store. */
export interface SocketDirOptions {
  port: number;
  uid: number;
  /** The store's 32-hex id (the `meta.store_id` row). */
  storeId: string;
  /** Defaults to `process.platform`; decides the `sun_path` limit (107 bytes Linux, 103 else). */
  platform?: NodeJS.Platform;
}

/**
 * The unix socket directory of an instance: `<root>/instances/<id>/run`, or, when the socket path
 * would not fit `sun_path`, `/tmp/sqlrs-<uid>-<store_id[0:8]>/<instance_id[0:12]>` (engine.md §5.1).
 */
export function instanceSocketDir(layout: StoreLayout, instanceId: string, options: SocketDirOptions): string {
  if (!isRandomId(options.storeId)) {
    throw new SqlrsError('internal_error', 'invalid store id for a socket path', { details: options.storeId });
  }
  const runDir = layout.instanceRunDir(instanceId);
  const limit = (options.platform ?? process.platform) === 'linux' ? 107 : 103;
  if (Buffer.byteLength(join(runDir, `.s.PGSQL.${options.port}`)) <= limit) return runDir;
  const store = options.storeId.toLowerCase().slice(0, 8);
  return join('/tmp', `sqlrs-${options.uid}-${store}`, instanceId.toLowerCase().slice(0, 12));
}
