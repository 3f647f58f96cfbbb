import { SqlrsError } from '@sqlrs/errors';

/** A byte sink for NDJSON text; a returned promise is awaited before the next line is written. */
export type NdjsonSink = (chunk: string) => void | Promise<void>;

/** Encodes one value as an NDJSON line: its JSON text followed by `\n`. */
export function ndjsonLine(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new SqlrsError('internal_error', 'value cannot be encoded as an NDJSON line', {
      details: `JSON.stringify returned undefined for a value of type ${typeof value}`,
    });
  }
  return `${text}\n`;
}

/** Writes values as NDJSON lines, one sink call per line, so each line can be flushed on its own. */
export class NdjsonWriter {
  readonly #sink: NdjsonSink;
  #lines = 0;

  constructor(options: { write: NdjsonSink }) {
    this.#sink = options.write;
  }

  /** Number of lines handed to the sink so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Writes one value as a line and waits for the sink to accept it. */
  async write(value: unknown): Promise<void> {
    const line = ndjsonLine(value);
    await this.#sink(line);
    this.#lines += 1;
  }

  /** Writes every value of a (possibly asynchronous) sequence in order. */
  async writeAll(values: Iterable<unknown> | AsyncIterable<unknown>): Promise<void> {
    for await (const value of values) await this.write(value);
  }
}
