// Follows a prepare job's events to its end, feeding a view and handling Ctrl+C.
import type { SqlrsClient } from '@sqlrs/client';
import type { PrepareJobStatus } from '@sqlrs/contract';
import type { CliIo } from '../cli-io.js';
import { askOnInterrupt } from './interrupt-prompt.js';
import type { JobView } from './job-view.js';

/** How watching ended. */
export type WatchOutcome =
  | { readonly kind: 'finished'; readonly status: PrepareJobStatus; readonly interrupted: boolean }
  | { readonly kind: 'detached' };

const RECONNECTS = 5;

/** Watches `jobId` until it is terminal or the user detaches. */
export async function watchJob(client: SqlrsClient, io: CliIo, jobId: string, view: JobView): Promise<WatchOutcome> {
  let lastSeq = -1;
  let planned = false;
  let detached = false;
  let interrupted = false;
  let asking = false;
  let current: AbortController | undefined;
  const onInterrupt = (): void => {
    if (asking) return;
    asking = true;
    interrupted = true;
    view.pause();
    void askOnInterrupt(io, jobId).then(async (choice) => {
      asking = false;
      if (choice === 'detach') {
        detached = true;
        current?.abort();
        return;
      }
      // Notes go out before the view redraws, or the redraw would overwrite them.
      if (choice === 'cancel') io.stderr.write(`sqlrs: cancelling job ${jobId}\n`);
      view.resume();
      if (choice === 'cancel') await client.cancelPrepareJob(jobId).catch(() => undefined);
    });
  };
  const stopListening = io.onInterrupt(onInterrupt);
  try {
    for (let attempt = 0; attempt <= RECONNECTS; attempt++) {
      current = new AbortController();
      try {
        const stream = await client.prepareJobEvents(jobId, { signal: current.signal, ...(lastSeq < 0 ? {} : { fromSeq: lastSeq + 1 }) });
        for await (const event of stream) {
          if (event.heartbeat !== true) lastSeq = Math.max(lastSeq, event.seq);
          view.event(event);
          if (!planned && event.type === 'task' && event.task_id === 'plan' && event.status === 'succeeded') {
            planned = true;
            const status = await client.getPrepareJob(jobId, { signal: current.signal });
            if (status.tasks !== null) view.plan(status.tasks);
          }
        }
      } catch (err) {
        if (!detached) {
          // A dropped stream is resumed; other failures end watching.
          if ((err as { code?: string }).code !== 'unavailable' || attempt === RECONNECTS) throw err;
        }
      }
      if (detached) return { kind: 'detached' };
      const status = await client.getPrepareJob(jobId);
      if (status.status === 'succeeded' || status.status === 'failed') {
        if (status.tasks !== null) view.plan(status.tasks);
        return { kind: 'finished', status, interrupted };
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return { kind: 'finished', status: await client.getPrepareJob(jobId), interrupted };
  } finally {
    stopListening();
    view.close();
  }
}
