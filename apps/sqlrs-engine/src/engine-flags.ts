import { parseArgs } from 'node:util';
import { parseDuration } from '@sqlrs/contract';
import type { LogLevel } from '@sqlrs/telemetry';
import { parseListenAddress } from './listen-address.js';
import type { ListenAddress } from './listen-address.js';

/** The engine's command line, parsed and checked. */
export interface EngineFlags {
  listen: ListenAddress;
  stateStore: string | undefined;
  writeEngineJson: string | undefined;
  idleTimeoutMs: number;
  logLevel: LogLevel | undefined;
  version: boolean;
  help: boolean;
}

/** Usage text printed by `--help` and after a usage error. */
export const USAGE = `usage: sqlrs-engine [flags]

  --listen=HOST:PORT        loopback address to listen on (default 127.0.0.1:0, port 0 = any free)
  --state-store=DIR         state store root (default $SQLRS_STATE_STORE, else
                            $XDG_STATE_HOME/sqlrs, else ~/.local/state/sqlrs)
  --write-engine-json=PATH  where to write engine.json (default <state store>/engine.json)
  --idle-timeout=DURATION   exit after this long without requests, streams or jobs
                            (Go duration such as 30s or 10m; 0 = never; default 30s)
  --log-level=LEVEL         debug, info, warn or error (default $SQLRS_LOG_LEVEL, else config log.level)
  --run-dir=DIR             accepted for compatibility and ignored
  --version                 print the version and exit
  --help                    print this help and exit
`;

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const DEFAULT_IDLE_TIMEOUT = '30s';

/** Parses argv (without node and script); returns the flags or a usage error message (exit 2). */
export function parseEngineFlags(argv: readonly string[], env: Record<string, string | undefined>): EngineFlags | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        listen: { type: 'string' },
        'state-store': { type: 'string' },
        'write-engine-json': { type: 'string' },
        'idle-timeout': { type: 'string' },
        'log-level': { type: 'string' },
        'run-dir': { type: 'string' },
        version: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const listen = parseListenAddress(typeof values.listen === 'string' ? values.listen : '127.0.0.1:0');
  if ('error' in listen) return listen;
  const idleText = typeof values['idle-timeout'] === 'string' ? values['idle-timeout'] : DEFAULT_IDLE_TIMEOUT;
  let idleTimeoutMs: number;
  try {
    idleTimeoutMs = parseDuration(idleText);
  } catch {
    return { error: `invalid --idle-timeout ${JSON.stringify(idleText)}; use a duration such as 30s or 10m, or 0` };
  }
  if (idleTimeoutMs < 0) return { error: '--idle-timeout must not be negative' };
  const levelText = (typeof values['log-level'] === 'string' ? values['log-level'] : env.SQLRS_LOG_LEVEL)?.toLowerCase();
  if (levelText !== undefined && levelText !== '' && !LEVELS.includes(levelText as LogLevel)) {
    return { error: `invalid log level ${JSON.stringify(levelText)}; use debug, info, warn or error` };
  }
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  return {
    listen,
    stateStore: text('state-store'),
    writeEngineJson: text('write-engine-json'),
    idleTimeoutMs,
    logLevel: levelText === undefined || levelText === '' ? undefined : (levelText as LogLevel),
    version: values.version === true,
    help: values.help === true,
  };
}
