import { SqlrsError, isSqlrsError } from '@sqlrs/errors';

/** What the engine call was doing when it failed: connecting and waiting for headers, or reading the body. */
export type RequestPhase = 'connect' | 'read';

/** Identifies one engine call in messages: the endpoint as the caller gave it and `METHOD /path`. */
export interface RequestLabel {
  endpoint: string;
  request: string;
}

/**
 * Owns the AbortController of one engine call: links the caller's signal, arms the timeout, lets
 * the client close a stream on purpose, and turns whatever ended the call into a SqlrsError.
 */
export class RequestControl {
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #label: RequestLabel;
  readonly #timeoutMs: number;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = (): void => this.#controller.abort();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #closed = false;

  constructor(options: { label: RequestLabel; timeoutMs: number; signal?: AbortSignal | undefined }) {
    this.signal = this.#controller.signal;
    this.#label = options.label;
    this.#timeoutMs = options.timeoutMs;
    this.#callerSignal = options.signal;
    if (this.#callerSignal?.aborted === true) this.#controller.abort();
    else this.#callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    if (this.#timeoutMs > 0) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.#controller.abort();
      }, this.#timeoutMs);
    }
  }

  /** True once the client closed the call on purpose (a consumer stopped reading a stream). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Disarms the timeout; streams call it once headers arrived, since they may stay open for long. */
  stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Releases the timer and the caller-signal listener; the call itself is left as it is. */
  finish(): void {
    this.stopTimer();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  /** Aborts the call on purpose, so the connection closes and the engine sees a disconnect. */
  close(): void {
    this.#closed = true;
    this.finish();
    this.#controller.abort();
  }

  /** The SqlrsError for a failure of this call: timeout, caller abort, unreachable engine or lost connection. */
  failure(error: unknown, phase: RequestPhase): SqlrsError {
    if (isSqlrsError(error)) return error;
    const { endpoint, request } = this.#label;
    if (this.#timedOut) {
      return new SqlrsError(
        'unavailable',
        `the engine at ${endpoint} did not answer ${request} within ${this.#timeoutMs} ms; check that it is running and responsive, or raise timeoutMs`,
        { cause: error },
      );
    }
    if (this.#callerSignal?.aborted === true) {
      return new SqlrsError('cancelled', `${request} was aborted by the caller`, { cause: error });
    }
    const details = causeText(error);
    if (phase === 'connect') {
      return new SqlrsError(
        'unavailable',
        `engine is not reachable at ${endpoint}; check that the engine is running and that engine.json is current, then retry`,
        { details, cause: error },
      );
    }
    return new SqlrsError(
      'unavailable',
      `the connection to the engine at ${endpoint} was lost during ${request}; check that the engine is still running, then retry`,
      { details, cause: error },
    );
  }
}

/** The most specific message of a fetch failure: undici wraps the socket error as `cause`. */
function causeText(error: unknown): string | undefined {
  let current: unknown = error;
  let text: string | undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    text = current.message;
    current = current.cause;
  }
  return text;
}
