// Starts the built engine binary as a child process, as users and the CLI do.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ENGINE_MAIN = path.resolve(import.meta.dirname, '../dist/main.js');

export interface EngineJson {
  endpoint: string;
  pid: number;
  startedAt: string;
  authToken: string;
  version: string;
  instanceId: string;
}

export interface EngineProcess {
  child: ChildProcess;
  store: string;
  engineJsonPath: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

export function tempStore(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-e2e-'));
}

export function assertBuilt(): void {
  if (!fs.existsSync(ENGINE_MAIN)) {
    throw new Error(`${ENGINE_MAIN} is missing: run "pnpm build" (or this package's "pnpm test", which builds) first`);
  }
}

export function spawnEngine(store: string, args: string[] = []): EngineProcess {
  const child = spawn(process.execPath, [ENGINE_MAIN, `--state-store=${store}`, '--idle-timeout=0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SQLRS_LOG_LEVEL: 'warn' },
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout?.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, store, engineJsonPath: path.join(store, 'engine.json'), exit, stderr: () => err };
}

/** Waits for engine.json of this very process (its pid), or fails with the engine's stderr. */
export async function waitForEngineJson(engine: EngineProcess, timeoutMs = 15_000): Promise<EngineJson> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void engine.exit.then(() => (exited = true));
  while (Date.now() < deadline) {
    try {
      const json = JSON.parse(fs.readFileSync(engine.engineJsonPath, 'utf8')) as EngineJson;
      if (json.pid === engine.child.pid) return json;
    } catch {
      // not written yet
    }
    if (exited) throw new Error(`engine exited before writing engine.json:\n${engine.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`engine.json did not appear within ${timeoutMs} ms:\n${engine.stderr()}`);
}
