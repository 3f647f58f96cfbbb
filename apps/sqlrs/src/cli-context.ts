// What a command gets: the process edges, the output format, the store and a lazy engine connection.
import type { SqlrsClient } from '@sqlrs/client';
import type { CliIo } from './cli-io.js';
import { connectEngine } from './engine/connect-engine.js';

/** Result format on stdout. */
export type OutputFormat = 'text' | 'json';

/** Per-invocation context. */
export interface CliContext {
  readonly io: CliIo;
  readonly output: OutputFormat;
  readonly storeRoot: string;
  /** Connect-or-start, once per invocation. */
  client(): Promise<SqlrsClient>;
  /** Writes a JSON document (one line) to stdout. */
  json(value: unknown): void;
  /** Writes a text line to stdout. */
  print(line: string): void;
  /** Writes a progress/notice line to stderr (text mode only). */
  note(line: string): void;
}

/** Builds the context for one invocation. */
export function createContext(io: CliIo, output: OutputFormat, storeRoot: string): CliContext {
  let connecting: Promise<SqlrsClient> | undefined;
  return {
    io,
    output,
    storeRoot,
    client: () => {
      connecting ??= connectEngine({ storeRoot, env: io.env }).then((c) => {
        if (c.started && output === 'text') io.stderr.write(`sqlrs: started engine pid ${c.info.pid} on ${c.info.endpoint}\n`);
        return c.client;
      });
      return connecting;
    },
    json: (value) => io.stdout.write(`${JSON.stringify(value)}\n`),
    print: (line) => io.stdout.write(`${line}\n`),
    note: (line) => {
      if (output === 'text') io.stderr.write(`${line}\n`);
    },
  };
}
