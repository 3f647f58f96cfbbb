import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreLayout } from '@sqlrs/statefs';
import {
  isOurPostmaster,
  isProcessRunning,
  refOf,
  scanRuntimeRecords,
  writeRuntimeRecord,
  type RuntimeRecord,
} from '../../src/process/runtime-record.js';
import { tempStore } from '../helpers/temp-store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let layout: StoreLayout;
let sleeper: ChildProcess;

function record(dir: string, pid: number, binary = '/bin/sleep'): RuntimeRecord {
  return {
    kind: 'process',
    pid,
    port: 15432,
    started_at: '2024-01-01T00:00:00.000Z',
    store_id: 'a'.repeat(32),
    purpose: 'instance',
    owner_id: 'b'.repeat(32),
    binary,
    data_dir: join(dir, 'data'),
    socket_dir: join(dir, 'run'),
  };
}

beforeAll(async () => {
  store = await tempStore();
  layout = store.layout;
  sleeper = spawn('/bin/sleep', ['30']);
});

afterAll(async () => {
  sleeper.kill('SIGKILL');
  await store.cleanup();
});

describe('scanRuntimeRecords', () => {
  it('reads instances/*, tmp/build-* and tmp/plan-* and skips everything else', async () => {
    const dirs = [layout.instanceDir('1'.repeat(32)), layout.buildDir('2'.repeat(32), 0), layout.planDir('3'.repeat(32))];
    const records = dirs.map((dir, i) => record(dir, 1000 + i));
    for (const [i, dir] of dirs.entries()) {
      await mkdir(dir, { recursive: true });
      await writeRuntimeRecord(join(dir, 'runtime.json'), records[i] as RuntimeRecord);
    }
    const lb = layout.lbDir('4'.repeat(32));
    await mkdir(lb, { recursive: true });
    await writeRuntimeRecord(join(lb, 'runtime.json'), record(lb, 2000));
    const garbage = layout.instanceDir('5'.repeat(32));
    await mkdir(garbage, { recursive: true });
    await writeFile(join(garbage, 'runtime.json'), '{"kind":"docker"}');
    const found = await scanRuntimeRecords(layout);
    expect(found.sort((a, b) => a.pid - b.pid)).toEqual(records);
  });
});

describe('writeRuntimeRecord', () => {
  it('replaces the record whole, mode 0600, and leaves no temp file behind', async () => {
    const dir = layout.instanceDir('7'.repeat(32));
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'runtime.json');
    await writeRuntimeRecord(path, record(dir, 1));
    await writeRuntimeRecord(path, record(dir, 2));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(record(dir, 2));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['runtime.json']);
  });

  it('fails without leaving anything when the directory is gone', async () => {
    const dir = layout.instanceDir('8'.repeat(32));
    await expect(writeRuntimeRecord(join(dir, 'runtime.json'), record(dir, 1))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('isOurPostmaster', () => {
  it('needs a live pid started from the recorded binary and named by postmaster.pid', async () => {
    const dir = layout.instanceDir('6'.repeat(32));
    const pid = sleeper.pid ?? -1;
    const live = record(dir, pid);
    await mkdir(join(live.data_dir, 'pgdata'), { recursive: true });
    expect(await isOurPostmaster(live)).toBe(false);
    await writeFile(join(live.data_dir, 'pgdata', 'postmaster.pid'), `${pid}\n/data\n`);
    expect(await isOurPostmaster(live)).toBe(true);
    expect(await isOurPostmaster({ ...live, binary: '/usr/bin/postgres' })).toBe(false);
    await writeFile(join(live.data_dir, 'pgdata', 'postmaster.pid'), `${pid + 1}\n`);
    expect(await isOurPostmaster(live)).toBe(false);
  });

  it('treats an exited process as gone', async () => {
    const child = spawn('/bin/true');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isProcessRunning(child.pid ?? -1)).toBe(false);
    expect(isProcessRunning(process.pid)).toBe(true);
  });
});

describe('refOf', () => {
  it('names a process sandbox process:<pid>', () => {
    expect(refOf(record('/x', 42), true)).toEqual({
      kind: 'process',
      id: 'process:42',
      purpose: 'instance',
      ownerId: 'b'.repeat(32),
      storeId: 'a'.repeat(32),
      running: true,
    });
  });
});
