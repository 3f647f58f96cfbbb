import { describe, expect, it } from 'vitest';
import { parseEngineFlags } from '../src/engine-flags.js';

describe('parseEngineFlags', () => {
  it('has loopback, 30 s idle and no overrides by default', () => {
    expect(parseEngineFlags([], {})).toEqual({
      listen: { host: '127.0.0.1', port: 0 },
      stateStore: undefined,
      writeEngineJson: undefined,
      idleTimeoutMs: 30_000,
      logLevel: undefined,
      version: false,
      help: false,
    });
  });

  it('reads every flag, ignores --run-dir, and takes the log level from the env', () => {
    expect(
      parseEngineFlags(
        ['--listen=[::1]:5000', '--state-store', '/s', '--write-engine-json=/e.json', '--idle-timeout=10m', '--run-dir=/r'],
        { SQLRS_LOG_LEVEL: 'WARN' },
      ),
    ).toEqual({
      listen: { host: '::1', port: 5000 },
      stateStore: '/s',
      writeEngineJson: '/e.json',
      idleTimeoutMs: 600_000,
      logLevel: 'warn',
      version: false,
      help: false,
    });
    expect(parseEngineFlags(['--idle-timeout=0', '--log-level=debug'], { SQLRS_LOG_LEVEL: 'warn' })).toMatchObject({
      idleTimeoutMs: 0,
      logLevel: 'debug',
    });
  });

  it.each([
    [['--listen=0.0.0.0:80'], '--listen host 0.0.0.0 is not a loopback address; use 127.0.0.1, ::1 or localhost'],
    [['--idle-timeout=soon'], 'invalid --idle-timeout "soon"; use a duration such as 30s or 10m, or 0'],
    [['--log-level=loud'], 'invalid log level "loud"; use debug, info, warn or error'],
  ])('rejects %j', (argv, error) => {
    expect(parseEngineFlags(argv, {})).toEqual({ error });
  });

  it('rejects unknown flags and positional arguments', () => {
    expect(parseEngineFlags(['--bogus'], {})).toHaveProperty('error');
    expect(parseEngineFlags(['serve'], {})).toHaveProperty('error');
  });
});
