import { access, open } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';

/** `DBState` value of a cluster that was shut down cleanly (`pg_controldata`: "shut down"). */
export const DB_SHUTDOWNED = 1;

// system_identifier u64, pg_control_version u32, catalog_version_no u32, then state (engine.md §6.4).
const STATE_OFFSET = 16;

/** Reads the cluster state of `<pgdataDir>/global/pg_control` (int32 little-endian at byte 16). */
export async function readPgControlState(pgdataDir: string): Promise<number> {
  const file = join(pgdataDir, 'global', 'pg_control');
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(4);
      const { bytesRead } = await handle.read(buffer, 0, 4, STATE_OFFSET);
      if (bytesRead !== 4) throw new Error(`${file} is shorter than ${STATE_OFFSET + 4} bytes`);
      return buffer.readInt32LE(0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SqlrsError('internal_error', `cannot read the cluster state from ${file}`, {
      details: (error as Error).message,
      cause: error,
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Throws `internal_error` unless the cluster in `pgdataDir` is stopped with a clean shutdown checkpoint. */
export async function assertCleanShutdown(pgdataDir: string): Promise<void> {
  const pidFile = join(pgdataDir, 'postmaster.pid');
  if (await exists(pidFile)) {
    throw new SqlrsError('internal_error', 'cluster did not shut down cleanly', {
      details: `${pidFile} still exists`,
    });
  }
  const state = await readPgControlState(pgdataDir);
  if (state !== DB_SHUTDOWNED) {
    throw new SqlrsError('internal_error', 'cluster did not shut down cleanly', {
      details: `pg_control state is ${state}, expected ${DB_SHUTDOWNED} (shut down) in ${pgdataDir}`,
    });
  }
}
