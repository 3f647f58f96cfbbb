import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, rotateLogFile } from '../src/index.js';

let dir: string;
let log: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlrs-rotate-'));
  log = join(dir, 'engine.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const contents = (): Record<string, string> =>
  Object.fromEntries(
    ['', '.1', '.2', '.3']
      .filter((suffix) => existsSync(`${log}${suffix}`))
      .map((suffix) => [`engine.log${suffix}`, readFileSync(`${log}${suffix}`, 'utf8')]),
  );

describe('rotateLogFile', () => {
  it('leaves a file below maxBytes alone, and a missing file too', () => {
    expect(rotateLogFile(log, { maxBytes: 10 })).toBe(false);
    writeFileSync(log, 'short\n');
    expect(rotateLogFile(log, { maxBytes: 10 })).toBe(false);
    expect(contents()).toEqual({ 'engine.log': 'short\n' });
  });

  it('shifts .1 … .keep, drops the oldest and empties the live file', () => {
    writeFileSync(log, 'gen-3 is long enough\n');
    writeFileSync(`${log}.1`, 'gen-2\n');
    writeFileSync(`${log}.2`, 'gen-1\n');
    expect(rotateLogFile(log, { maxBytes: 10, keep: 2 })).toBe(true);
    expect(contents()).toEqual({ 'engine.log': '', 'engine.log.1': 'gen-3 is long enough\n', 'engine.log.2': 'gen-2\n' });
    expect(statSync(`${log}.1`).mode & 0o777).toBe(0o600);
  });

  it('keeps a running logger writing to the live file after rotation', () => {
    const logger = createLogger({ level: 'info', file: log, stderr: false });
    logger.info('before rotation, padded to pass the size limit');
    expect(rotateLogFile(log, { maxBytes: 10 })).toBe(true);
    logger.info('after');
    const msgs = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(msgs(readFileSync(log, 'utf8'))).toEqual(['after']);
    expect(msgs(readFileSync(`${log}.1`, 'utf8'))).toEqual(['before rotation, padded to pass the size limit']);
  });

  it('defaults to 20 MiB', () => {
    writeFileSync(log, Buffer.alloc(20 * 1024 * 1024 - 1, 0x61));
    expect(rotateLogFile(log)).toBe(false);
    writeFileSync(log, 'a', { flag: 'a' });
    expect(rotateLogFile(log)).toBe(true);
    expect(statSync(`${log}.1`).size).toBe(20 * 1024 * 1024);
  });
});
