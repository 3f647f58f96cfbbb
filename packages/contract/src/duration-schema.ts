import { z } from 'zod';
import { formatDurationNs, parseDurationNs } from './duration.js';

/** Inclusive bounds of a {@link durationString}, as Go duration text. */
export interface DurationBounds {
  min?: string;
  max?: string;
}

function describe(bounds: DurationBounds): string {
  if (bounds.min !== undefined && bounds.max !== undefined) return `between ${bounds.min} and ${bounds.max}`;
  if (bounds.min !== undefined) return `of at least ${bounds.min}`;
  return bounds.max !== undefined ? `of at most ${bounds.max}` : '';
}

/**
 * A Go duration kept as the text the user gave (`10m`, `1h30m`), checked against inclusive bounds;
 * `min: '1ns'` expresses "greater than zero".
 */
export function durationString(bounds: DurationBounds = {}): z.ZodString {
  const min = bounds.min === undefined ? undefined : parseDurationNs(bounds.min);
  const max = bounds.max === undefined ? undefined : parseDurationNs(bounds.max);
  const expected = ['expected a Go duration', describe(bounds), '(e.g. 500ms, 10m, 1h30m)'].filter(Boolean).join(' ');
  return z.string().check(
    z.superRefine((text, ctx) => {
      let ns: bigint;
      try {
        ns = parseDurationNs(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: expected });
        return;
      }
      if ((min !== undefined && ns < min) || (max !== undefined && ns > max)) {
        ctx.addIssue({ code: 'custom', message: `${expected}, got ${formatDurationNs(ns)}` });
      }
    }),
  );
}
