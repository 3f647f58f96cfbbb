// `pnpm bench`: the engine API under load. Starts the built engine on a fresh store seeded with
// 10,000 states, measures idle RSS, then requests/s and p50/p99 latency of GET /v1/health and
// GET /v1/states (JSON and NDJSON), side by side in one run. Prints a table and writes JSON under
// bench/results/. Knobs: BENCH_SECONDS (per scenario, default 5), BENCH_STATES (10000),
// BENCH_IDLE_SECONDS (10).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from './load.mjs';
import { seedStates } from './seed-states.mjs';

const here = import.meta.dirname;
const engineMain = path.resolve(here, '../apps/sqlrs-engine/dist/main.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const stateCount = Number(process.env.BENCH_STATES ?? 10_000);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMiB = (pid) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Number((kb / 1024).toFixed(1));
};

async function waitForEngineJson(file, child) {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
    try {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (json.pid === child.pid) return json;
    } catch {}
    await sleep(50);
  }
  throw new Error('engine did not write engine.json');
}

async function main() {
  if (!fs.existsSync(engineMain)) throw new Error(`${engineMain} missing; run pnpm build first`);
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-bench-'));
  const seedStarted = performance.now();
  seedStates(path.join(store, 'state.db'), stateCount);
  const seedMs = Math.round(performance.now() - seedStarted);

  const child = spawn(process.execPath, [engineMain, `--state-store=${store}`, '--idle-timeout=0', '--log-level=warn'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const info = await waitForEngineJson(path.join(store, 'engine.json'), child);
    const base = `http://${info.endpoint}`;
    const auth = { Authorization: `Bearer ${info.authToken}` };
    await sleep(idleSeconds * 1000);
    const idleRss = rssMiB(child.pid);

    const scenarios = [
      { name: 'GET /v1/health', url: `${base}/v1/health`, headers: {}, connections: 16 },
      { name: `GET /v1/states (${stateCount}, JSON)`, url: `${base}/v1/states`, headers: auth, connections: 4 },
      { name: `GET /v1/states (${stateCount}, NDJSON)`, url: `${base}/v1/states`, headers: { ...auth, Accept: 'application/x-ndjson' }, connections: 4 },
    ];
    const results = [];
    for (const s of scenarios) {
      await load({ url: s.url, headers: s.headers, connections: s.connections, seconds: Math.min(1, seconds) });
      const r = await load({ url: s.url, headers: s.headers, connections: s.connections, seconds });
      if (r.errors > 0) throw new Error(`${s.name}: ${r.errors} failed requests`);
      results.push({ scenario: s.name, connections: s.connections, ...r });
    }
    const loadedRss = rssMiB(child.pid);
    const health = results[0];
    const report = {
      benchmark: 'engine-api',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      config: { seconds, stateCount, idleSeconds },
      seedMs,
      idleRssMiB: idleRss,
      rssAfterLoadMiB: loadedRss,
      results: results.map((r) => ({ ...r, rpsVsHealth: Number((r.rps / health.rps).toFixed(4)) })),
      ndjsonVsJsonRps: Number((results[2].rps / results[1].rps).toFixed(3)),
    };
    printTable(report);
    const dir = path.join(here, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, 'engine-api.json'), json);
    fs.writeFileSync(path.join(dir, `engine-api-${report.at.replace(/[:.]/g, '-')}.json`), json);
    process.stdout.write(`\nwrote bench/results/engine-api.json\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(store, { recursive: true, force: true });
  }
}

function printTable(report) {
  const rows = report.results.map((r) => [r.scenario, String(r.connections), String(r.rps), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), String(r.bytesPerResponse), r.rpsVsHealth.toFixed(4)]);
  const head = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'bytes/resp', 'vs health'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n\n`);
  process.stdout.write(`engine idle RSS: ${report.idleRssMiB} MiB (after ${report.config.idleSeconds} s idle, ${report.config.stateCount} states); after load: ${report.rssAfterLoadMiB} MiB\n`);
  process.stdout.write(`NDJSON vs JSON req/s: ${report.ndjsonVsJsonRps}; seeding ${report.config.stateCount} states took ${report.seedMs} ms\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
