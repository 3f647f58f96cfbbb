// Runs the BUILT sqlrs CLI as a child process, as users do, against a real engine on a temp store.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI_MAIN = path.resolve(import.meta.dirname, '../dist/main.js');
const ENGINE_MAIN = path.resolve(import.meta.dirname, '../../sqlrs-engine/dist/main.js');

/** The Docker image the engine's e2e tests use too. */
const TEST_IMAGE = 'sqlrs-test/postgres:15';

/** One finished CLI invocation. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails when the CLI or the engine has not been built. */
export function assertBuilt(): void {
  for (const file of [CLI_MAIN, ENGINE_MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "pnpm --filter @sqlrs/cli test" (it builds) or "pnpm build" first`);
  }
}

/** Why the real parts are missing (Docker daemon, test image), or undefined when all is there. */
export function prerequisitesMissing(): string | undefined {
  try {
    execFileSync('docker', ['image', 'inspect', TEST_IMAGE], { stdio: 'ignore', timeout: 15_000 });
    return undefined;
  } catch {
    return `docker daemon or image ${TEST_IMAGE} unavailable; run scripts/provision.sh`;
  }
}

/** Throws under CI=true (a missing part fails there), else returns the skip reason. */
export function requireOrSkip(missing: string | undefined): string | undefined {
  if (missing !== undefined && process.env.CI === 'true') throw new Error(missing);
  return missing;
}

/** A fresh temp state store (the engine creates its layout inside). */
export function tempStore(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-cli-e2e-'));
}

/** A temp directory with the given files. */
export function sqlDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-cli-sql-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A random suffix that makes SQL content (and so every state id) new. */
export function unique(): string {
  return `u${Math.random().toString(36).slice(2, 10)}`;
}

/** The environment the CLI gets: its store, the test image, short engine idle timeout. */
function cliEnv(store: string): NodeJS.ProcessEnv {
  return { ...process.env, SQLRS_STATE_STORE: store, SQLRS_IMAGE: TEST_IMAGE, SQLRS_ENGINE_IDLE_TIMEOUT: '5m', SQLRS_LOG_LEVEL: 'warn' };
}

/** Runs `sqlrs <args>` and waits for it. */
export function sqlrs(store: string, args: readonly string[], options: { cwd?: string; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: options.cwd ?? os.tmpdir(), env: cliEnv(store), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The shell command line that runs the built CLI (for tmux). */
export function cliCommandLine(store: string, args: readonly string[]): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const env = cliEnv(store);
  const vars = ['SQLRS_STATE_STORE', 'SQLRS_IMAGE', 'SQLRS_ENGINE_IDLE_TIMEOUT'].map((k) => `${k}=${quote(env[k] ?? '')}`);
  return `env ${vars.join(' ')} ${quote(process.execPath)} ${quote(CLI_MAIN)} ${args.map(quote).join(' ')}`;
}

/** Stops the store's engine through the CLI, removes its containers and the store directory. */
export async function cleanupStore(store: string | undefined, storeId: string | undefined): Promise<void> {
  if (store === undefined) return;
  await sqlrs(store, ['engine', 'stop']);
  if (storeId !== undefined) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=sqlrs.store=${storeId}`], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  }
  fs.rmSync(store, { recursive: true, force: true });
}

/** The store id of the store's running engine (for container cleanup). */
export async function storeIdOf(store: string): Promise<string> {
  const r = await sqlrs(store, ['status', '-o', 'json']);
  return (JSON.parse(r.stdout) as { engine: { store_id: string } }).engine.store_id;
}

/** The host psql client (on PATH unless `SQLRS_TEST_PSQL` names another). */
const PSQL = process.env.SQLRS_TEST_PSQL ?? 'psql';

/** Runs one statement through `dsn` with the host psql; resolves with the trimmed output. */
export function psqlAt(dsn: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PSQL, [dsn, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`psql failed: ${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

/** A psql session that stays connected while `sql` runs (killed by the caller). */
export function psqlSession(dsn: string, sql: string): ChildProcess {
  return spawn(PSQL, [dsn, '-Xq', '-c', sql], { stdio: 'ignore' });
}

/** Engine processes serving `store` (by their --state-store flag). */
export function enginePids(store: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`--state-store=${store}`) && l.includes('sqlrs-engine'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}
