/** One in-flight build of a state id (engine.md §9.3). */
export interface Flight {
  readonly promise: Promise<void>;
  /** The state became ready. */
  resolve(): void;
  /** The build failed or was cancelled; waiters loop and one of them builds. */
  reject(error: unknown): void;
}

/** The in-process registry of builds in flight, one per state id. */
export class StateFlights {
  private readonly flights = new Map<string, Flight>();

  /** The build in flight for a state, if any. */
  get(stateId: string): Flight | undefined {
    return this.flights.get(stateId);
  }

  /** Registers this caller as the builder; settling the flight removes it. */
  start(stateId: string): Flight {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined);
    const flight: Flight = {
      promise,
      resolve: () => {
        this.flights.delete(stateId);
        resolve();
      },
      reject: (error) => {
        this.flights.delete(stateId);
        reject(error);
      },
    };
    this.flights.set(stateId, flight);
    return flight;
  }
}
