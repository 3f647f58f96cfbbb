/** Options of the idle monitor. */
export interface IdleMonitorOptions {
  /** Milliseconds without activity before `onIdle`; 0 disables it. */
  idleMs: number;
  onIdle: () => void;
  /** Work that keeps the engine busy without an open request (queued or running jobs). */
  backgroundWork?: () => number;
}

/**
 * Calls `onIdle` once nothing happened for `idleMs`: no open request or stream and no background
 * work (api.md §1.1), so an idle exit never interrupts a job.
 */
export class IdleMonitor {
  private open = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly o: IdleMonitorOptions) {
    this.arm();
  }

  /** Marks one request or stream as open; call the returned function when it ends. */
  begin(): () => void {
    this.open += 1;
    this.disarm();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.open -= 1;
      if (this.open === 0) this.arm();
    };
  }

  /** Stops watching (on shutdown). */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(): void {
    if (this.o.idleMs <= 0 || this.stopped) return;
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.open > 0) return;
      if ((this.o.backgroundWork?.() ?? 0) > 0) {
        this.arm();
        return;
      }
      this.stopped = true;
      this.o.onIdle();
    }, this.o.idleMs);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
