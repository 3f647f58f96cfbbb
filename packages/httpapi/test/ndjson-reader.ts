// Reads a streamed NDJSON response line by line, so tests can interleave reads with service events.

/** What `next` found: a parsed line, the end of the body, or nothing within the wait. */
export type NextLine = Record<string, unknown> | 'end' | 'timeout';

export class NdjsonReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  #done = false;
  #pending: ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> | undefined;
  /** Raw chunks received, to check that lines arrive one at a time. */
  readonly chunks: string[] = [];

  constructor(res: Response) {
    if (res.body === null) throw new Error('response has no body');
    this.#reader = res.body.getReader();
  }

  /** The next line, 'end' after the last one, or 'timeout' when nothing complete came within `ms`. */
  async next(ms = 2000): Promise<NextLine> {
    const deadline = Date.now() + ms;
    for (;;) {
      const newline = this.#buffer.indexOf('\n');
      if (newline !== -1) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        return JSON.parse(line) as Record<string, unknown>;
      }
      if (this.#done) return 'end';
      this.#pending ??= this.#reader.read();
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const result = await Promise.race([
        this.#pending,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left);
        }),
      ]);
      clearTimeout(timer);
      if (result === 'timeout') return 'timeout';
      this.#pending = undefined;
      if (result.done) this.#done = true;
      else {
        const text = this.#decoder.decode(result.value, { stream: true });
        this.chunks.push(text);
        this.#buffer += text;
      }
    }
  }

  /** The next line, failing the test when the body ended or stayed silent. */
  async line(ms = 2000): Promise<Record<string, unknown>> {
    const got = await this.next(ms);
    if (got === 'end' || got === 'timeout') throw new Error(`expected an NDJSON line, got ${got}`);
    return got;
  }

  /** Every remaining line until the body ends. */
  async rest(ms = 2000): Promise<Record<string, unknown>[]> {
    const lines: Record<string, unknown>[] = [];
    for (;;) {
      const got = await this.next(ms);
      if (got === 'end') return lines;
      if (got === 'timeout') throw new Error(`stream did not end; got ${JSON.stringify(lines)}`);
      lines.push(got);
    }
  }

  /** Disconnects, as a client closing the connection does. */
  async cancel(): Promise<void> {
    await this.#reader.cancel();
  }
}
