import type { LineSink } from '@sqlrs/runtime';

/** Splits one output stream into lines for `sink` (UTF-8 safe across chunks; `\r\n` accepted). */
export class LineBuffer {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  constructor(
    private readonly stream: 'stdout' | 'stderr',
    private readonly sink: LineSink,
  ) {}

  write(chunk: Uint8Array): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  end(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }

  private emit(line: string): void {
    this.sink(this.stream, line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
