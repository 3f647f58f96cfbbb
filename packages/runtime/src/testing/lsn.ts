import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** The latest checkpoint location in `global/pg_control` (u64 at byte 32) as PostgreSQL prints it. */
export async function readCheckpointLsn(pgdataDir: string): Promise<string> {
  const handle = await open(join(pgdataDir, 'global', 'pg_control'), 'r');
  try {
    const buffer = Buffer.alloc(8);
    await handle.read(buffer, 0, 8, 32);
    const value = buffer.readBigUInt64LE(0);
    return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
  } finally {
    await handle.close();
  }
}
