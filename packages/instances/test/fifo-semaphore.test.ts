import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { FifoSemaphore } from '../src/fifo-semaphore.js';

describe('FifoSemaphore', () => {
  it('grants permits in request order up to the limit', async () => {
    const semaphore = new FifoSemaphore(() => 2);
    const order: number[] = [];
    const releases = await Promise.all([semaphore.acquire(), semaphore.acquire()]);
    const waiting = [3, 4, 5].map((n) => semaphore.acquire().then((release) => (order.push(n), release)));
    expect(semaphore.held).toBe(2);
    releases[0]?.();
    releases[0]?.();
    const third = await waiting[0];
    expect(order).toEqual([3]);
    releases[1]?.();
    third?.();
    await Promise.all(waiting.slice(1));
    expect(order).toEqual([3, 4, 5]);
  });

  it('drops an aborted waiter with the abort reason', async () => {
    const semaphore = new FifoSemaphore(() => 1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiter = semaphore.acquire(controller.signal);
    controller.abort(new SqlrsError('cancelled', 'job cancelled'));
    await expect(waiter).rejects.toEqual(new SqlrsError('cancelled', 'job cancelled'));
    release();
    expect(semaphore.held).toBe(0);
  });
});
