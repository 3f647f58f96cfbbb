import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { PortAllocator, canBindLoopback } from '../src/port-allocator.js';

const servers: Server[] = [];

async function occupy(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('PortAllocator', () => {
  it('rotates through the range and wraps around', async () => {
    const taken = await occupy();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const allocator = new PortAllocator({ range: [taken, taken + 1] });
    expect([await allocator.next(), await allocator.next(), await allocator.next()]).toEqual([taken, taken + 1, taken]);
  });

  it('skips ports that fail the bind probe and ports reported as taken', async () => {
    const bound = await occupy();
    expect(await canBindLoopback(bound)).toBe(false);
    const allocator = new PortAllocator({ range: [bound, bound + 2], isTaken: (p) => p === bound + 1 });
    expect(await allocator.next()).toBe(bound + 2);
  });

  it('fails with unavailable when the whole range is busy', async () => {
    const bound = await occupy();
    const allocator = new PortAllocator({ range: [bound, bound] });
    await expect(allocator.next()).rejects.toEqual(
      new SqlrsError('unavailable', `no free port in ${bound}-${bound}; stop some instances or widen runtime.portRange`),
    );
  });

  it('rejects an invalid range', () => {
    expect(() => new PortAllocator({ range: [2000, 1000] })).toThrow(
      new SqlrsError('invalid_argument', 'runtime.portRange must be [low, high] with 1 <= low <= high <= 65535', {
        details: '[2000,1000]',
      }),
    );
  });
});
