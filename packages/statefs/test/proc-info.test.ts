import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isPidAlive, readBootId, readProcStart } from '../src/index.js';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 0;
}

describe('process probes', () => {
  it('tell a live pid from a finished one', async () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(await deadPid())).toBe(false);
  });

  it.runIf(process.platform === 'linux')('read a stable process start time and the boot id on Linux', async () => {
    const start = readProcStart(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(readProcStart(process.pid)).toBe(start);
    expect(readProcStart(await deadPid())).toBeUndefined();
    expect(readBootId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
