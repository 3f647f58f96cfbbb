import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleMonitor } from '../src/idle-monitor.js';

describe('IdleMonitor', () => {
  afterEach(() => vi.useRealTimers());

  it('fires after the idle time with nothing open', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    new IdleMonitor({ idleMs: 1000, onIdle });
    vi.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires while a request is open, and restarts the clock when it ends', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const monitor = new IdleMonitor({ idleMs: 1000, onIdle });
    const end = monitor.begin();
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
    end();
    end();
    vi.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('waits for background work such as running jobs', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    let jobs = 1;
    new IdleMonitor({ idleMs: 1000, onIdle, backgroundWork: () => jobs });
    vi.advanceTimersByTime(3000);
    expect(onIdle).not.toHaveBeenCalled();
    jobs = 0;
    vi.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('is off with 0', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    new IdleMonitor({ idleMs: 0, onIdle });
    vi.advanceTimersByTime(10_000_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
