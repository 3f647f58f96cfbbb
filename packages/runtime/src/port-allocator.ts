import { createServer } from 'node:net';
import { SqlrsError } from '@sqlrs/errors';

/** The range to allocate from and the ports already promised elsewhere. */
export interface PortAllocatorOptions {
  /** Inclusive `[low, high]` (`runtime.portRange`, default `[15432, 16431]`). */
  range: [number, number];
  /** Ports held by someone the allocator cannot see (instance rows); skipped without a probe. */
  isTaken?: (port: number) => boolean;
}

/** True when a listener can bind `port` on 127.0.0.1 right now. */
export function canBindLoopback(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/**
 * Hands out host ports from a range with a rotating cursor (engine.md §7.1), skipping ports that
 * `isTaken` reports and ports that fail a bind probe on 127.0.0.1.
 */
export class PortAllocator {
  private readonly low: number;
  private readonly high: number;
  private readonly isTaken: (port: number) => boolean;
  private cursor: number;

  constructor(options: PortAllocatorOptions) {
    const [low, high] = options.range;
    if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 65535 || low > high) {
      throw new SqlrsError('invalid_argument', 'runtime.portRange must be [low, high] with 1 <= low <= high <= 65535', {
        details: JSON.stringify(options.range),
      });
    }
    this.low = low;
    this.high = high;
    this.isTaken = options.isTaken ?? (() => false);
    this.cursor = low;
  }

  /** The next free port after the previous one handed out, wrapping around the range once. */
  async next(): Promise<number> {
    const size = this.high - this.low + 1;
    for (let tried = 0; tried < size; tried += 1) {
      const port = this.cursor;
      this.cursor = port === this.high ? this.low : port + 1;
      if (this.isTaken(port)) continue;
      if (await canBindLoopback(port)) return port;
    }
    throw new SqlrsError('unavailable', `no free port in ${this.low}-${this.high}; stop some instances or widen runtime.portRange`);
  }
}
