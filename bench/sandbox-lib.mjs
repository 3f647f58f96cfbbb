// Small helpers of the benchmarks (sandboxes.mjs, prepare.mjs): timing and percentiles, child commands,
// a cleanup stack that also runs on SIGINT/SIGTERM, SELECT 1 over a unix socket, and the table.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/** Runs a command (argv, no shell) and resolves with its stdout; rejects with stderr in the message. */
export async function run(file, args, options = {}) {
  try {
    const { stdout } = await execFileAsync(file, args, { maxBuffer: 64 * 1024 * 1024, ...options });
    return stdout;
  } catch (error) {
    const stderr = typeof error.stderr === 'string' ? error.stderr.trim() : '';
    throw new Error(`${file} ${args.join(' ')} failed: ${stderr.slice(-2000) || error.message}`, { cause: error });
  }
}

/** Milliseconds since `start` (a performance.now() value), rounded to 0.01 ms. */
export const since = (start) => Math.round((performance.now() - start) * 100) / 100;

/** Times one async call in ms. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: since(start), value };
}

/** The p-th percentile (0–100) of `values`, linear between closest ranks. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** p50/p95/min/max of samples, rounded to 0.1 ms, with the samples kept. */
export function summarize(samples) {
  const round = (x) => Math.round(x * 10) / 10;
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    samples,
  };
}

/** Cleanup actions run last-in first-out, each at most once, failures reported but not fatal. */
class CleanupStack {
  #actions = [];
  #running;

  /** Registers an action; returns a function that runs it now (and drops it from the stack). */
  push(label, action) {
    const entry = { label, action, done: false };
    this.#actions.push(entry);
    return () => this.#runEntry(entry);
  }

  async #runEntry(entry) {
    if (entry.done) return;
    entry.done = true;
    try {
      await entry.action();
    } catch (error) {
      process.stderr.write(`cleanup: ${entry.label}: ${error.message}\n`);
    }
  }

  /** Runs every pending action in reverse order. */
  runAll() {
    this.#running ??= (async () => {
      for (const entry of [...this.#actions].reverse()) await this.#runEntry(entry);
    })();
    return this.#running;
  }

  /**
   * On SIGINT/SIGTERM: aborts `interrupted`, gives the running benchmark (`running`) up to 20 s to
   * stop at its next checkpoint and clean up itself, then runs the stack anyway and exits 130.
   */
  onSignals(running) {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, async () => {
        process.stderr.write(`\n${signal}: stopping and cleaning up…\n`);
        interruption.abort(new Error(`interrupted by ${signal}`));
        await Promise.race([running, sleep(20_000)]);
        await this.runAll();
        process.exit(130);
      });
    }
  }
}

/**
 * Runs a benchmark's `main(cleanup)`: its clean-up stack runs at the end and on SIGINT/SIGTERM; a
 * failure prints its stack and sets exit code 1.
 */
export function runBench(main) {
  const cleanup = new CleanupStack();
  const running = main(cleanup)
    .catch((error) => {
      process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
      process.exitCode = 1;
    })
    .finally(() => cleanup.runAll());
  cleanup.onSignals(running);
}

const interruption = new AbortController();

/** Throws once the benchmark was interrupted; called before every start, clone and capture. */
export function checkpoint() {
  interruption.signal.throwIfAborted();
}

/** One connection over the unix socket in `socketDir`, `SELECT 1`, disconnect; true on success. */
export async function selectOnce({ socketDir, port, user = 'sqlrs', timeoutMs = 2000 }) {
  const client = new pg.Client({ host: socketDir, port, user, database: 'postgres', connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query('SELECT 1 AS one');
    return result.rows[0]?.one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Polls `selectOnce` every `intervalMs` until it succeeds; throws after `deadlineMs`. */
export async function pollSelect({ socketDir, port, intervalMs = 5, deadlineMs = 60_000 }) {
  const deadline = performance.now() + deadlineMs;
  for (let tries = 1; ; tries += 1) {
    if (await selectOnce({ socketDir, port })) return tries;
    if (performance.now() > deadline) throw new Error(`no SELECT 1 on ${socketDir} port ${port} within ${deadlineMs} ms`);
    await sleep(intervalMs);
  }
}

/** Runs a SQL statement over the socket (fixtures only). */
export async function execSql({ socketDir, port }, sql) {
  const client = new pg.Client({ host: socketDir, port, user: 'sqlrs', database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Prints rows under a header, first column left-aligned, the rest right-aligned. */
export function printTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n\n`);
}

/** A number with `digits` decimals, or `-` when missing. */
export const fmt = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? '-' : x.toFixed(digits));

/** Bytes as MiB with one decimal. */
export const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
