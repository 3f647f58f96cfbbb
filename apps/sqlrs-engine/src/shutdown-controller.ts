/** The body of a 202 from POST /v1/engine/shutdown (api.md §3.2). */
export interface ShutdownStatus {
  status: 'shutting_down';
  drain: boolean;
  deadline_at: string;
  running_jobs: number;
  active_runs: number;
  open_streams: number;
}

/** Live counts of work the engine would interrupt. */
interface WorkCounts {
  running_jobs: number;
  active_runs: number;
  open_streams: number;
}

/** Options of the shutdown controller. */
export interface ShutdownControllerOptions {
  now: () => number;
  counts: () => WorkCounts;
  /** Runs once: drains until the deadline, interrupts the rest, releases everything. */
  run: (deadlineMs: number) => Promise<void>;
}

/**
 * Owns the one-way switch into shutdown (api.md §3.2): the first request fixes drain and deadline,
 * later ones report the current counts; `done` settles when the engine has released the store.
 */
export class ShutdownController {
  private first: { drain: boolean; deadlineMs: number } | undefined;
  private settle: { resolve: () => void; reject: (err: unknown) => void } | undefined;
  /** Settles once a requested shutdown has completed (never before one is requested). */
  readonly done: Promise<void>;

  constructor(private readonly o: ShutdownControllerOptions) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** True once any shutdown was requested. */
  isShuttingDown(): boolean {
    return this.first !== undefined;
  }

  /** Starts shutdown (first call) and returns the status to report. */
  request(options: { drain: boolean; timeoutSeconds: number }): ShutdownStatus {
    if (this.first === undefined) {
      const deadlineMs = this.o.now() + (options.drain ? options.timeoutSeconds * 1000 : 0);
      this.first = { drain: options.drain, deadlineMs };
      // Let the 202 leave before the listener closes.
      setImmediate(() => this.o.run(deadlineMs).then(this.settle?.resolve, this.settle?.reject));
    }
    return {
      status: 'shutting_down',
      drain: this.first.drain,
      deadline_at: new Date(this.first.deadlineMs).toISOString(),
      ...this.o.counts(),
    };
  }
}
