import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { componentLogger, createLogger } from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlrs-telemetry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function lines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const base = { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), pid: process.pid, hostname: hostname() };

describe('createLogger', () => {
  it('writes JSON lines to a new file under missing directories, mode 0600', () => {
    const file = join(dir, 'logs', 'engine.log');
    const logger = createLogger({ level: 'info', file, stderr: false });
    logger.info({ job_id: 'j1' }, 'job started');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(lines(file)).toEqual([{ ...base, level: 'info', job_id: 'j1', msg: 'job started' }]);
  });

  it('drops lines below the level, and follows a live level change', () => {
    const file = join(dir, 'engine.log');
    const logger = createLogger({ level: 'warn', file, stderr: false });
    logger.info('hidden');
    logger.warn('shown');
    logger.level = 'debug';
    logger.debug('now shown');
    expect(lines(file)).toEqual([
      { ...base, level: 'warn', msg: 'shown' },
      { ...base, level: 'debug', msg: 'now shown' },
    ]);
  });

  it('redacts passwords, auth tokens and authorization headers', () => {
    const file = join(dir, 'engine.log');
    const logger = createLogger({ level: 'info', file, stderr: false });
    logger.info(
      {
        password: 'p0',
        authToken: 't0',
        authorization: 'Bearer t1',
        instance: { password: 'p1', port: 5432 },
        engine: { authToken: 't2' },
        headers: { authorization: 'Bearer t3' },
        req: { method: 'GET', headers: { authorization: 'Bearer t4', accept: '*/*' } },
      },
      'secrets',
    );
    expect(lines(file)).toEqual([
      {
        ...base,
        level: 'info',
        msg: 'secrets',
        password: '[redacted]',
        authToken: '[redacted]',
        authorization: '[redacted]',
        instance: { password: '[redacted]', port: 5432 },
        engine: { authToken: '[redacted]' },
        headers: { authorization: '[redacted]' },
        req: { method: 'GET', headers: { authorization: '[redacted]', accept: '*/*' } },
      },
    ]);
  });

  it('tags component loggers with their component', () => {
    const file = join(dir, 'engine.log');
    const root = createLogger({ level: 'info', file, stderr: false });
    componentLogger(root, 'prepare').child({ job_id: 'j2' }).error('step failed');
    expect(lines(file)).toEqual([{ ...base, level: 'error', component: 'prepare', job_id: 'j2', msg: 'step failed' }]);
  });

  it('can log nowhere, for tools and tests that want silence', () => {
    const logger = createLogger({ level: 'info', stderr: false });
    expect(() => logger.info('into the void')).not.toThrow();
  });
});

describe('createLogger failures', () => {
  it('names the log file it cannot open', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const file = join(blocker, 'engine.log');
    let caught: unknown;
    try {
      createLogger({ level: 'info', file, stderr: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SqlrsError);
    expect({ code: (caught as SqlrsError).code, message: (caught as SqlrsError).message }).toEqual({
      code: 'internal_error',
      message: `cannot open log file ${file}; check that its directory is writable`,
    });
  });
});
