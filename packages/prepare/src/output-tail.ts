/** Bytes of tool output kept for a failed step's `details` (engine.md §8.2). */
const OUTPUT_TAIL_BYTES = 16 * 1024;

/** Keeps the last `limit` bytes of output lines (psql and Liquibase steps). */
export class OutputTail {
  protected lines: string[] = [];
  private bytes = 0;
  constructor(private readonly limit: number = OUTPUT_TAIL_BYTES) {}

  push(line: string): void {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
    while (this.bytes > this.limit && this.lines.length > 1) this.bytes -= Buffer.byteLength(this.lines.shift() as string) + 1;
  }

  text(): string {
    return this.lines.join('\n');
  }
}
