// Helpers of the prepare benchmark (prepare.mjs) on top of the shared ones in sandbox-lib.mjs:
// phase medians and SELECT 1 over a DSN or pg config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { percentile } from './sandbox-lib.mjs';

export { printTable, run, runBench, summarize } from './sandbox-lib.mjs';

/** Milliseconds since `start` (a performance.now() value), rounded to 0.1 ms. */
export const since = (start) => Math.round((performance.now() - start) * 10) / 10;

const round1 = (x) => Math.round(x * 10) / 10;

/** Median of each named phase over a list of `{ phases }` results. */
export function phaseMedians(results) {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.phases ?? {})))];
  return Object.fromEntries(names.map((n) => [n, round1(percentile(results.map((r) => r.phases[n]).filter((x) => x !== undefined), 50))]));
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

/**
 * Polls `selectOnce` every `intervalMs` until it succeeds; resolves with the number of tries.
 * `exited` (optional, checked every 20th try) names a server that died, which fails at once.
 */
export async function pollSelect(target, { intervalMs = 5, deadlineMs = 60_000, exited } = {}) {
  const deadline = performance.now() + deadlineMs;
  for (let tries = 1; ; tries += 1) {
    if (await selectOnce(target)) return tries;
    if (performance.now() > deadline) throw new Error(`no SELECT 1 within ${deadlineMs} ms`);
    const died = exited !== undefined && tries % 20 === 0 ? await exited() : undefined;
    if (died !== undefined) throw new Error(died);
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

/**
 * The start of a benchmark that needs root: the load average now and a fresh 0711 work dir under
 * /var/tmp that the cleanup stack removes.
 */
export function benchWorkDir(name, prefix, cleanup) {
  if (process.getuid?.() !== 0) throw new Error(`the ${name} benchmark needs root (btrfs loop mounts)`);
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const work = fs.mkdtempSync(path.join('/var/tmp', prefix));
  cleanup.push(`remove ${work}`, () => fs.promises.rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
  fs.chmodSync(work, 0o711);
  return { work, loadAtStart };
}
