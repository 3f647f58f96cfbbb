// Connect-or-start with stand-in engine binaries: a failing start reports the log tail at once.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEngine } from '../src/engine/connect-engine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function standIn(body: string): { store: string; binary: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-cli-connect-'));
  dirs.push(dir);
  const binary = path.join(dir, 'engine.mjs');
  fs.writeFileSync(binary, body);
  return { store: path.join(dir, 'store'), binary };
}

describe('connectEngine', () => {
  it('fails with the engine log tail when the started engine exits', async () => {
    const { store, binary } = standIn("process.stderr.write('sqlrs-engine: cannot open the store: disk on fire\\n'); process.exit(1);\n");
    const started = Date.now();
    const error = await connectEngine({ storeRoot: store, env: { SQLRS_ENGINE: binary }, startTimeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: `could not start the sqlrs engine (${binary}) for state store ${store}: the engine exited with code 1`,
      details: `engine log tail (${store}/logs/engine-start.log):\nsqlrs-engine: cannot open the store: disk on fire`,
    });
  });

  it('passes the store, loopback listen address and idle timeout to the engine', async () => {
    const { store, binary } = standIn("process.stderr.write(JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(2);\n");
    const error = await connectEngine({ storeRoot: store, env: { SQLRS_ENGINE: binary }, idleTimeout: '3m' }).catch((e: unknown) => e);
    expect((error as { details: string }).details).toContain(JSON.stringify([`--state-store=${store}`, '--listen=127.0.0.1:0', '--idle-timeout=3m']));
  });

  it('keeps waiting while engines lose the store lock (exit 3) and gives up at the deadline', async () => {
    const { store, binary } = standIn('process.exit(3);\n');
    const error = await connectEngine({ storeRoot: store, env: { SQLRS_ENGINE: binary }, startTimeoutMs: 1_500 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', message: `could not start the sqlrs engine (${binary}) for state store ${store}: no engine answered within 1500 ms` });
  });

  it('refuses to start when asked not to', async () => {
    const { store } = standIn('');
    await expect(connectEngine({ storeRoot: store, env: {}, start: false })).rejects.toMatchObject({
      code: 'unavailable',
      message: `no engine is running for state store ${store}; run "sqlrs engine start"`,
    });
  });
});
