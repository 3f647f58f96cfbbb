// A fake engine for the client tests: a real node:http server on 127.0.0.1:0 that records every
// request and answers through a per-test handler.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake engine received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request; the request is recorded before the handler runs. */
export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** A running fake engine. */
export interface FakeEngine {
  /** `127.0.0.1:<port>`, as engine.json writes it. */
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a fake engine on an OS-chosen loopback port. */
export async function startFakeEngine(handler: FakeHandler): Promise<FakeEngine> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends a whole NDJSON answer. */
export function sendNdjson(res: ServerResponse, status: number, items: unknown[], headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', ...headers });
  res.end(items.map((item) => `${JSON.stringify(item)}\n`).join(''));
}

/** A promise with its resolve function, for sequencing server and client in streaming tests. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A handler that dispatches on `METHOD /path` (query ignored) and answers 404 like the engine otherwise. */
export function routes(table: Record<string, FakeHandler>): FakeHandler {
  return (req, res) => {
    const key = `${req.method} ${new URL(req.url, 'http://engine').pathname}`;
    const handler = table[key];
    if (handler === undefined) {
      sendJson(res, 404, { code: 'not_found', message: `no route for ${key}` });
      return;
    }
    return handler(req, res);
  };
}
