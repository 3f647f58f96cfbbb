// Small helpers of the prepare benchmark (prepare.mjs): child commands, timing and percentiles,
// a cleanup stack that also runs on SIGINT/SIGTERM, SELECT 1 polling, and the table printer.
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

/** Milliseconds since `start` (a performance.now() value), rounded to 0.1 ms. */
export const since = (start) => Math.round((performance.now() - start) * 10) / 10;

/** The p-th percentile (0–100) of `values`, linear between closest ranks. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

const round1 = (x) => Math.round(x * 10) / 10;

/** n, p50, p95, min, max of samples (ms, 0.1 ms), with the samples kept. */
export function summarize(samples) {
  return {
    n: samples.length,
    p50: round1(percentile(samples, 50)),
    p95: round1(percentile(samples, 95)),
    min: round1(Math.min(...samples)),
    max: round1(Math.max(...samples)),
    samples,
  };
}

/** Median of each named phase over a list of `{ phases }` results. */
export function phaseMedians(results) {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.phases ?? {})))];
  return Object.fromEntries(names.map((n) => [n, round1(percentile(results.map((r) => r.phases[n]).filter((x) => x !== undefined), 50))]));
}

/** Cleanup actions run last-in first-out, each at most once; failures are reported, not fatal. */
export class CleanupStack {
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

  /** On SIGINT/SIGTERM runs the stack and exits 130. */
  onSignals() {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, async () => {
        process.stderr.write(`\n${signal}: cleaning up…\n`);
        await this.runAll();
        process.exit(130);
      });
    }
  }
}

/** One connection (DSN or pg config), `SELECT 1`, disconnect; true on success. */
export async function selectOnce(target, timeoutMs = 2000) {
  const config = typeof target === 'string' ? { connectionString: target } : target;
  const client = new pg.Client({ ...config, connectionTimeoutMillis: timeoutMs });
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

/** Polls `selectOnce` every `intervalMs` until it succeeds; resolves with the number of tries. */
export async function pollSelect(target, { intervalMs = 5, deadlineMs = 60_000 } = {}) {
  const deadline = performance.now() + deadlineMs;
  for (let tries = 1; ; tries += 1) {
    if (await selectOnce(target)) return tries;
    if (performance.now() > deadline) throw new Error(`no SELECT 1 within ${deadlineMs} ms`);
    await sleep(intervalMs);
  }
}

/** One query over a connection; resolves with the rows. */
export async function query(target, sql) {
  const config = typeof target === 'string' ? { connectionString: target } : target;
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
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
