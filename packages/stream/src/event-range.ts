/** A parsed `Range` header of the job events route (api.md §4.9). */
export type EventRange =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'range'; start: number; end?: number };

/** What the events route answers for a range, given the job's events at request time. */
export type EventRangeResolution =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number | undefined; contentRange: string }
  | { kind: 'unsatisfiable'; contentRange: string; message: string };

/** The persisted event count `total` (T) and whether the job is still non-terminal (`live`). */
export interface EventLogExtent {
  total: number;
  live: boolean;
}

const EVENTS_RANGE = /^events=(\d+)-(\d*)$/i;

/**
 * Parses a `Range` header: absent, empty or another unit (`bytes=`) is `none`; an `events=` value
 * other than `N-` or `N-M` with `M >= N` (lists, suffixes, reversed bounds) is `invalid`.
 */
export function parseEventRange(header: string | undefined): EventRange {
  const value = (header ?? '').trim();
  if (value === '') return { kind: 'none' };
  const equals = value.indexOf('=');
  if (equals !== -1 && value.slice(0, equals).trim().toLowerCase() !== 'events') return { kind: 'none' };
  const match = EVENTS_RANGE.exec(value);
  if (match === null) return { kind: 'invalid' };
  const start = Number(match[1]);
  if (!Number.isSafeInteger(start)) return { kind: 'invalid' };
  if (match[2] === undefined || match[2] === '') return { kind: 'range', start };
  const end = Number(match[2]);
  if (!Number.isSafeInteger(end) || end < start) return { kind: 'invalid' };
  return { kind: 'range', start, end };
}

/**
 * Decides 200, 206 or 416 for a parsed range and builds the exact `Content-Range` value of
 * api.md §4.9; `end` of a partial answer is the last `seq` to send (the stream also ends at the
 * terminal event).
 */
export function resolveEventRange(range: EventRange, extent: EventLogExtent): EventRangeResolution {
  const { total, live } = extent;
  switch (range.kind) {
    case 'none':
      return { kind: 'full' };
    case 'invalid':
      return {
        kind: 'unsatisfiable',
        contentRange: `events */${total}`,
        message: 'invalid Range header; use events=N- or events=N-M with M >= N',
      };
    case 'range':
      return resolveBounds(range.start, range.end, total, live);
  }
}

function resolveBounds(start: number, end: number | undefined, total: number, live: boolean): EventRangeResolution {
  const satisfiable = start < total || (start === total && live);
  if (!satisfiable) {
    const message = live
      ? `job has ${total} events so far; start the range at ${total} or below`
      : `job has ${total} events and is finished`;
    return { kind: 'unsatisfiable', contentRange: `events */${total}`, message };
  }
  if (end === undefined) {
    const contentRange = live ? `events ${start}-*/${total}` : `events ${start}-${total - 1}/${total}`;
    return { kind: 'partial', start, end: undefined, contentRange };
  }
  const contentRange =
    !live || end < total ? `events ${start}-${Math.min(end, total - 1)}/${total}` : `events ${start}-${end}/*`;
  return { kind: 'partial', start, end, contentRange };
}
