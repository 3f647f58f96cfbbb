import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isPidAlive, writeFileAtomic } from '@sqlrs/statefs';
import type { StoreLayout } from '@sqlrs/statefs';
import type { RuntimeRef } from '../runtime.js';

/** `runtime.json` of a process sandbox, next to its data dir (engine.md §5.1, §7.3). */
export interface RuntimeRecord {
  kind: 'process';
  pid: number;
  port: number;
  started_at: string;
  store_id: string;
  purpose: 'build' | 'instance' | 'plan';
  owner_id: string;
  /** Absolute path of the `postgres` binary; `/proc/<pid>/cmdline` must start with it. */
  binary: string;
  data_dir: string;
  socket_dir: string;
}

/**
 * Writes `runtime.json` (mode 0600) through a temp file and a rename, so a reader sees no record or
 * a whole one. Not fsynced: the record only has to outlive an engine crash, which the page cache
 * does; an OS crash also ends the server it names (and an unparsable record is skipped).
 */
export async function writeRuntimeRecord(path: string, record: RuntimeRecord): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`, 0o600, { durable: false });
}

function parseRecord(text: string): RuntimeRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<RuntimeRecord>;
    if (value.kind !== 'process' || !Number.isInteger(value.pid) || typeof value.store_id !== 'string') return undefined;
    if (typeof value.binary !== 'string' || typeof value.data_dir !== 'string') return undefined;
    return value as RuntimeRecord;
  } catch {
    return undefined;
  }
}

async function listDirs(parent: string, prefix: string): Promise<string[]> {
  const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && e.name.startsWith(prefix)).map((e) => join(parent, e.name));
}

/** Every parsable `runtime.json` under `instances/*`, `tmp/build-*` and `tmp/plan-*` of a store. */
export async function scanRuntimeRecords(layout: StoreLayout): Promise<RuntimeRecord[]> {
  const dirs = [
    ...(await listDirs(layout.instancesDir, '')),
    ...(await listDirs(layout.tmpDir, 'build-')),
    ...(await listDirs(layout.tmpDir, 'plan-')),
  ];
  const records: RuntimeRecord[] = [];
  for (const dir of dirs) {
    const text = await readFile(join(dir, 'runtime.json'), 'utf8').catch(() => undefined);
    const record = text === undefined ? undefined : parseRecord(text);
    if (record !== undefined) records.push(record);
  }
  return records;
}

/** True while `pid` exists and is not a zombie waiting to be reaped. */
export function isProcessRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return isPidAlive(pid);
  }
}

/** argv[0] of a live process, or undefined. */
export function processBinary(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
  } catch {
    return undefined;
  }
}

/**
 * True when the record's pid is our postmaster: alive, started from the recorded binary, and named
 * by line 1 of `postmaster.pid` (engine.md §7.3), so a reused pid is never mistaken for ours.
 */
export async function isOurPostmaster(record: RuntimeRecord): Promise<boolean> {
  if (!isProcessRunning(record.pid) || processBinary(record.pid) !== record.binary) return false;
  const pidFile = await readFile(join(record.data_dir, 'pgdata', 'postmaster.pid'), 'utf8').catch(() => '');
  return pidFile.split('\n')[0]?.trim() === String(record.pid);
}

/** The `RuntimeRef` of a running process sandbox. */
export function refOf(record: RuntimeRecord, running: boolean): RuntimeRef {
  return {
    kind: 'process',
    id: `process:${record.pid}`,
    purpose: record.purpose,
    ownerId: record.owner_id,
    storeId: record.store_id,
    running,
  };
}
