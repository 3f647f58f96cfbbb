// engine start|stop|status: the store's engine process.
import type { CliContext } from '../cli-context.js';
import type { Command } from '../command.js';
import { connectEngine, findEngine } from '../engine/connect-engine.js';
import type { Connection } from '../engine/connect-engine.js';
import { readEngineJson } from '../engine/engine-json.js';
import { EXIT } from '../exit-codes.js';

function describe(c: Connection) {
  return { running: true, pid: c.info.pid, endpoint: c.info.endpoint, version: c.info.version, instance_id: c.info.instanceId, started_at: c.info.startedAt };
}

export const engineStart: Command = {
  name: 'engine start',
  summary: 'start the engine for the state store (no-op when it runs)',
  usage: '',
  description: 'Other commands start the engine on demand; it exits after 10 minutes without work\n($SQLRS_ENGINE_IDLE_TIMEOUT, a Go duration, 0 = never).',
  options: [],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs engine start', 'SQLRS_ENGINE_IDLE_TIMEOUT=0 sqlrs engine start'],
  run: async (ctx) => {
    const c = await connectEngine({ storeRoot: ctx.storeRoot, env: ctx.io.env });
    if (ctx.output === 'json') ctx.json({ ...describe(c), started: c.started });
    else ctx.print(`engine pid ${c.info.pid} on ${c.info.endpoint} (${c.started ? 'started' : 'already running'})`);
    return EXIT.ok;
  },
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(ctx: CliContext, pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid) && (await readEngineJson(ctx.storeRoot))?.pid !== pid) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export const engineStop: Command = {
  name: 'engine stop',
  summary: 'shut the engine down (instances keep running)',
  usage: '[--drain] [--timeout SECONDS]',
  description: 'Without --drain, running jobs are interrupted at once (their finished steps stay cached).',
  options: [
    { name: 'drain', type: 'boolean', help: 'let running jobs and runs finish first' },
    { name: 'timeout', type: 'string', value: 'SECONDS', help: 'how long --drain waits (default 30)' },
  ],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs engine stop', 'sqlrs engine stop --drain --timeout 120'],
  run: async (ctx, args) => {
    const found = await findEngine(ctx.storeRoot);
    if (found === undefined) {
      if (ctx.output === 'json') ctx.json({ running: false, stopped: false });
      else ctx.print('no engine is running');
      return EXIT.ok;
    }
    const timeout = Number(args.values['timeout'] ?? 30);
    await found.client.shutdown({ drain: args.values['drain'] === true, timeout_seconds: timeout });
    const gone = await waitGone(ctx, found.info.pid, (args.values['drain'] === true ? timeout : 0) * 1000 + 30_000);
    if (ctx.output === 'json') ctx.json({ running: !gone, stopped: gone, pid: found.info.pid });
    else ctx.print(gone ? `engine pid ${found.info.pid} stopped` : `engine pid ${found.info.pid} is still shutting down`);
    return gone ? EXIT.ok : EXIT.unavailable;
  },
};

export const engineStatus: Command = {
  name: 'engine status',
  summary: 'whether the engine runs (exit 0) or not (exit 69); never starts it',
  usage: '',
  options: [],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs engine status', 'sqlrs engine status -o json'],
  run: async (ctx) => {
    const found = await findEngine(ctx.storeRoot);
    if (ctx.output === 'json') ctx.json(found === undefined ? { running: false, store_root: ctx.storeRoot } : { ...describe(found), store_root: ctx.storeRoot });
    else ctx.print(found === undefined ? `no engine is running for ${ctx.storeRoot}` : `engine pid ${found.info.pid} on ${found.info.endpoint}, version ${found.info.version}, since ${found.info.startedAt}`);
    return found === undefined ? EXIT.unavailable : EXIT.ok;
  },
};
