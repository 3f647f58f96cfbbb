import type { PrepareJobEvent } from '@sqlrs/contract';
import { ndjsonLine } from '@sqlrs/stream';
import type { EventBuffer } from './event-buffer.js';
import type { JobEventFeed } from './services.js';

/** Everything one events response needs once its status and headers are decided (api.md §4.9). */
export interface JobEventStreamOptions {
  feed: Pick<JobEventFeed, 'read'>;
  jobId: string;
  /** First seq to send. */
  start: number;
  /** Last seq to send; undefined follows until the job ends. */
  end: number | undefined;
  /** The read made right after subscribing; may start one event before `start` (the heartbeat source). */
  snapshot: { events: PrepareJobEvent[]; total: number; terminal: boolean };
  /** Live events of the subscription made before `snapshot` was read. */
  live: EventBuffer;
  write: (line: string) => Promise<void>;
  aborted: () => boolean;
  heartbeatMs: () => number;
  now: () => number;
  clock?: () => number;
}

/**
 * Writes persisted events from `start`, then the live tail without gaps or duplicates (live events
 * are matched by seq; a gap is filled from the feed), with a heartbeat copy of the latest persisted
 * event whenever nothing was written for the heartbeat interval. Returns after the terminal
 * events, after `end`, or when the client went away.
 */
export async function writeJobEvents(o: JobEventStreamOptions): Promise<void> {
  const clock = o.clock ?? (() => performance.now());
  let next = o.start;
  let latest: PrepareJobEvent | undefined = o.snapshot.events.at(-1);
  let lastWrite = clock();

  /** Writes one event; true when the requested range is complete. */
  const send = async (event: PrepareJobEvent): Promise<boolean> => {
    await o.write(ndjsonLine(event));
    lastWrite = clock();
    next = event.seq + 1;
    latest = event;
    return o.end !== undefined && event.seq >= o.end;
  };

  /** Writes a live event, first filling any gap before it from the feed; true when the stream is done. */
  const deliver = async (event: PrepareJobEvent): Promise<boolean> => {
    if (event.seq < next) return false;
    if (event.seq > next) {
      const fill = o.feed.read(o.jobId, next);
      if (fill === undefined) return true;
      for (const missed of fill.events) {
        if (missed.seq >= event.seq) break;
        if (missed.seq >= next && (await send(missed))) return true;
      }
    }
    return send(event);
  };

  for (const event of o.snapshot.events) {
    if (o.aborted()) return;
    if (event.seq >= o.start && (await send(event))) return;
  }
  if (o.snapshot.terminal) return;
  for (;;) {
    for (const event of o.live.take()) {
      if (o.aborted() || (await deliver(event))) return;
    }
    if (o.aborted()) return;
    if (o.live.pending > 0) continue;
    if (o.live.ended) return;
    const remaining = o.heartbeatMs() - (clock() - lastWrite);
    if (remaining > 0) {
      await o.live.wait(remaining);
    } else if (latest !== undefined) {
      await o.write(ndjsonLine({ ...latest, ts: new Date(o.now()).toISOString(), heartbeat: true }));
      lastWrite = clock();
    } else {
      lastWrite = clock();
    }
  }
}
