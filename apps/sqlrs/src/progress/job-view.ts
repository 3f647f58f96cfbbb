// What a progress view of a prepare job does; live (TTY) and plain (lines) implement it.
import type { PlanTask, PrepareJobEvent } from '@sqlrs/contract';

/** Receives a job's events and plan and shows them on stderr. */
export interface JobView {
  /** The job's plan, once known (after the plan task). */
  plan(tasks: readonly PlanTask[]): void;
  event(event: PrepareJobEvent): void;
  /** Stops redrawing (for a prompt) until resume(). */
  pause(): void;
  resume(): void;
  /** Final redraw; no output after this. */
  close(): void;
}

/** A view that shows nothing (json output). */
export const SILENT_VIEW: JobView = {
  plan: () => undefined,
  event: () => undefined,
  pause: () => undefined,
  resume: () => undefined,
  close: () => undefined,
};
