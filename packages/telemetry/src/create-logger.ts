import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger, StreamEntry } from 'pino';
import { prettyLine } from './pretty-line.js';

/** The pino logger every sqlrs component logs through. */
export type Logger = PinoLogger;

/** The log levels sqlrs uses (api.md §8 `log.level`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the root logger writes and from which level on. */
export interface LoggerOptions {
  level: LogLevel;
  /** JSON log file, created with its directories (file mode 0600); usually `<root>/logs/engine.log`. */
  file?: string;
  /** Also write to stderr (default true). */
  stderr?: boolean;
  /** Human-readable stderr lines instead of JSON (`SQLRS_LOG_PRETTY=1`); the file stays JSON. */
  pretty?: boolean;
}

// Log fields whose values never reach a log line (engine.md §14).
const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'authToken',
  '*.authToken',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'headers.authorization',
];

function fileStream(file: string): DestinationStream {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Synchronous writes keep lines whole when rotateLogFile copies and truncates the file.
    const stream = pino.destination({ dest: file, sync: true, mode: 0o600, append: true });
    chmodSync(file, 0o600);
    return stream;
  } catch (error) {
    throw new SqlrsError('internal_error', `cannot open log file ${file}; check that its directory is writable`, {
      details: (error as Error).message,
      cause: error,
    });
  }
}

function stderrStream(pretty: boolean): DestinationStream {
  const stderr = pino.destination({ dest: 2, sync: true });
  if (!pretty) return stderr;
  return { write: (line: string) => stderr.write(prettyLine(line)) };
}

/** Creates the root logger: JSON to `file` and to stderr, ISO timestamps, level labels, redaction. */
export function createLogger(options: LoggerOptions): Logger {
  const streams: StreamEntry[] = [];
  if (options.file !== undefined) streams.push({ level: 'debug', stream: fileStream(options.file) });
  if (options.stderr ?? true) streams.push({ level: 'debug', stream: stderrStream(options.pretty ?? false) });
  return pino(
    {
      level: options.level,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(streams),
  );
}

/** A child logger tagged with `component`, as every package receives it. */
export function componentLogger(root: Logger, component: string): Logger {
  return root.child({ component });
}
