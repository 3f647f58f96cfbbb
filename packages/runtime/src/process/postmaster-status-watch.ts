import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadyHint } from '../wait-ready.js';

/** Line 8 of `postmaster.pid` (PostgreSQL ≥ 10) once the server accepts connections. */
const READY_STATUS = 'ready';

/**
 * Tells when a starting postmaster may accept connections: its `postmaster.pid` names `pid` on
 * line 1 and says `ready` on line 8. The data dir is watched (inotify), so a change wakes the
 * readiness wait at once instead of at its next poll, and no connection attempt (each forks a
 * backend that only answers "starting up") competes with the start for CPU. Close it when done.
 */
export class PostmasterStatusWatch implements ReadyHint {
  readonly #pidFile: string;
  readonly #pid: number;
  #watcher: FSWatcher | undefined;
  #wake: (() => void) | undefined;

  constructor(pgdata: string, pid: number) {
    this.#pidFile = join(pgdata, 'postmaster.pid');
    this.#pid = pid;
    try {
      this.#watcher = watch(pgdata, { persistent: false }, (_event, name) => {
        if (name === null || name === 'postmaster.pid') this.#wake?.();
      });
      this.#watcher.on('error', () => this.close());
    } catch {
      // No watch (inotify limit, unsupported filesystem): the wait's timer alone re-checks.
      this.#watcher = undefined;
    }
  }

  async ready(): Promise<boolean> {
    const text = await readFile(this.#pidFile, 'utf8').catch(() => '');
    const lines = text.split('\n');
    return lines[0]?.trim() === String(this.#pid) && lines[7]?.trim() === READY_STATUS;
  }

  changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.#wake = done;
    });
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#wake?.();
  }
}
