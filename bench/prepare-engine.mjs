// The built engine as the prepare benchmark drives it: started on a store with a config.json,
// prepare requests followed on their NDJSON event stream until the result, and a teardown that
// removes its instances, containers and leftover server processes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run, since } from './prepare-lib.mjs';

const engineMain = path.resolve(import.meta.dirname, '../apps/sqlrs-engine/dist/main.js');

/** Starts the engine on `store` (created with `config` as config.json) and waits for engine.json. */
export async function startEngine({ store, config }) {
  if (!fs.existsSync(engineMain)) throw new Error(`${engineMain} missing; run pnpm build first`);
  fs.mkdirSync(store, { recursive: true, mode: 0o711 });
  fs.writeFileSync(path.join(store, 'config.json'), `${JSON.stringify(config)}\n`);
  const child = spawn(process.execPath, [engineMain, `--state-store=${store}`, '--idle-timeout=0', '--log-level=warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let info;
  for (let i = 0; i < 600 && info === undefined; i += 1) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}: ${stderr}`);
    try {
      const json = JSON.parse(fs.readFileSync(path.join(store, 'engine.json'), 'utf8'));
      if (json.pid === child.pid) info = json;
    } catch {}
    if (info === undefined) await sleep(50);
  }
  if (info === undefined) throw new Error(`engine did not write engine.json: ${stderr}`);
  return new Engine(child, store, info, () => stderr);
}

/** A running engine and the calls the benchmark makes to it. */
class Engine {
  constructor(child, store, info, stderr) {
    this.child = child;
    this.store = store;
    this.base = `http://${info.endpoint}`;
    this.headers = { Authorization: `Bearer ${info.authToken}` };
    this.stderr = stderr;
    this.deleteUnavailable = false;
    this.instancesKept = 0;
  }

  /** One JSON call; throws with the body unless the status is 2xx. */
  async api(method, url, body) {
    const headers = { ...this.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    const response = await fetch(`${this.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text.slice(0, 500)}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** GET /v1/engine. */
  async info() {
    this.engineInfo ??= await this.api('GET', '/v1/engine');
    return this.engineInfo;
  }

  /**
   * POST /v1/prepare-jobs, then follows the job's events until `result` (or `error`, which throws).
   * Resolves with the result, the persisted events (ms since submit added as `atMs`) and timings.
   */
  async prepare(request) {
    const started = performance.now();
    const job = await this.api('POST', '/v1/prepare-jobs', request);
    const postMs = since(started);
    const response = await fetch(`${this.base}${job.events_url}`, { headers: this.headers });
    if (!response.ok) throw new Error(`events → ${response.status} ${await response.text()}`);
    const events = [];
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let buffered = '';
    let end;
    while (end === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0 && end === undefined) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        const event = JSON.parse(line);
        if (event.heartbeat) continue;
        events.push({ ...event, atMs: since(started) });
        if (event.type === 'result' || event.type === 'error') end = event;
      }
    }
    await reader.cancel().catch(() => undefined);
    if (end === undefined) throw new Error(`events of job ${job.job_id} ended without a result`);
    if (end.type === 'error') {
      const log = events.filter((e) => e.type === 'log').slice(-10).map((e) => e.message).join('\n');
      throw new Error(`job ${job.job_id} failed: ${JSON.stringify(end.error)}\n${log}`);
    }
    return { jobId: job.job_id, result: end.result, events, postMs, resultMs: since(started), started };
  }

  /**
   * DELETE /v1/instances/{id}?force=true; when this build answers 503 (not implemented) the
   * instance is kept running until teardown and `instancesKept` counts it.
   */
  async deleteInstance(id) {
    if (this.deleteUnavailable) {
      this.instancesKept += 1;
      return;
    }
    try {
      await this.api('DELETE', `/v1/instances/${id}?force=true`);
    } catch (error) {
      if (!/→ 503 .*not implemented/.test(error.message)) throw error;
      this.deleteUnavailable = true;
      this.instancesKept += 1;
    }
  }

  /**
   * Removes every instance through the API, stops the engine (SIGTERM, SIGKILL after 20 s), then
   * removes containers labelled with its store and server processes still running on its store.
   */
  async teardown() {
    const storeId = this.engineInfo?.store_id;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        if (!this.deleteUnavailable) for (const instance of (await this.api('GET', '/v1/instances')) ?? []) await this.deleteInstance(instance.instance_id).catch(() => undefined);
      } catch {}
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    if (storeId !== undefined) {
      const ids = (await run('docker', ['ps', '-aq', '--filter', `label=sqlrs.store=${storeId}`]).catch(() => '')).split('\n').filter(Boolean);
      if (ids.length > 0) await run('docker', ['rm', '-f', '-v', ...ids]);
    }
    await killServersUnder(this.store);
  }
}

/** Postmasters (cmdline `…/postgres … -D <dir under root>`) still running on `root`: SIGQUIT, wait. */
async function killServersUnder(root) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv;
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const d = argv.indexOf('-D');
    if (argv[0]?.endsWith('/postgres') && d > 0 && argv[d + 1]?.startsWith(`${root}/`)) pids.push(Number(entry));
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {}
  }
  for (let i = 0; i < 100 && pids.some((pid) => fs.existsSync(`/proc/${pid}`)); i += 1) await sleep(50);
}

/** Milliseconds between the first events matching `a` and `b` (engine timestamps), or undefined. */
export function between(events, a, b) {
  const find = (m) => events.find((e) => e.type === m.type && (m.task_id === undefined || e.task_id === m.task_id) && (m.status === undefined || e.status === m.status));
  const x = find(a);
  const y = find(b);
  return x && y ? Date.parse(y.ts) - Date.parse(x.ts) : undefined;
}
