import { describe, expect, it } from 'vitest';
import { ShutdownController } from '../src/shutdown-controller.js';

describe('ShutdownController', () => {
  const counts = () => ({ running_jobs: 1, active_runs: 0, open_streams: 2 });

  it('keeps the first deadline and runs the shutdown once', async () => {
    let now = Date.parse('2025-06-01T10:00:00.000Z');
    const runs: number[] = [];
    const ctl = new ShutdownController({ now: () => now, counts, run: async (d) => void runs.push(d) });
    expect(ctl.isShuttingDown()).toBe(false);
    expect(ctl.request({ drain: true, timeoutSeconds: 60 })).toEqual({
      status: 'shutting_down',
      drain: true,
      deadline_at: '2025-06-01T10:01:00.000Z',
      running_jobs: 1,
      active_runs: 0,
      open_streams: 2,
    });
    now += 5000;
    expect(ctl.request({ drain: false, timeoutSeconds: 0 })).toMatchObject({
      drain: true,
      deadline_at: '2025-06-01T10:01:00.000Z',
    });
    expect(ctl.isShuttingDown()).toBe(true);
    await ctl.done;
    expect(runs).toEqual([Date.parse('2025-06-01T10:01:00.000Z')]);
  });

  it('without drain the deadline is now', () => {
    const ctl = new ShutdownController({ now: () => 0, counts, run: async () => undefined });
    expect(ctl.request({ drain: false, timeoutSeconds: 30 }).deadline_at).toBe('1970-01-01T00:00:00.000Z');
  });
});
