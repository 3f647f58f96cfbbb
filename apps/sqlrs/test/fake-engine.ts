// A fake engine for the CLI unit tests: a real HTTP server on 127.0.0.1:0 with its engine.json in a
// temp store, answering health and config itself and every other route through per-test handlers.
import * as fs from 'node:fs';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** One request as the fake received it. */
interface Recorded {
  method: string;
  url: string;
  body: string;
}

/** Answers `METHOD /path` (query ignored). */
export type Route = (req: Recorded, res: ServerResponse) => void;

/** A running fake engine with its store. */
export interface FakeEngine {
  store: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const INSTANCE_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const TOKEN = 'ab'.repeat(32);

/** Sends JSON. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Sends NDJSON lines. */
export function ndjson(res: ServerResponse, items: unknown[]): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  res.end(items.map((i) => `${JSON.stringify(i)}\n`).join(''));
}

/** Starts the fake and writes `<store>/engine.json` naming it. */
export async function startFakeEngine(routes: Record<string, Route>): Promise<FakeEngine> {
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlrs-cli-unit-'));
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const route = `${recorded.method} ${recorded.url.split('?')[0]}`;
      if (route === 'GET /v1/health') return json(res, 200, { ok: true, version: 'test', instanceId: INSTANCE_ID, pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { code: 'unauthorized', message: 'missing or invalid bearer token' });
      if (route === 'GET /v1/config' && routes[route] === undefined) return json(res, 200, {});
      const handler = routes[route];
      if (handler === undefined) return json(res, 404, { code: 'not_found', message: `no route for ${route}` });
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fs.writeFileSync(
    path.join(store, 'engine.json'),
    JSON.stringify({ endpoint: `127.0.0.1:${port}`, pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z', authToken: TOKEN, version: 'test', instanceId: INSTANCE_ID }),
  );
  return {
    store,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(store, { recursive: true, force: true });
    },
  };
}
