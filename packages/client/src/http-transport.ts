import { SqlrsError } from '@sqlrs/errors';
import type { ClientOptions } from './client-options.js';
import { endpointOrigin } from './endpoint.js';
import { queryString } from './query.js';
import type { QueryParams } from './query.js';
import { RequestControl } from './request-control.js';

/** Per-call timeout when the caller sets none: long enough for a forced job delete (≤ 60 s) or a reset. */
export const DEFAULT_TIMEOUT_MS = 120_000;

const MAX_REDIRECTS = 5;

// HTTP methods the engine API uses.
type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One engine call. */
export interface HttpRequest {
  method: HttpMethod;
  /** Path from the root, already percent-encoded (`/v1/instances/dev`). */
  path: string;
  query?: QueryParams | undefined;
  /** JSON-encoded as the request body when defined. */
  body?: unknown;
  /** Extra headers (`Accept`, `Range`, `X-Request-Id`…); Authorization is added by the transport. */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

/** A fully read answer. */
export interface BufferedResponse {
  /** `METHOD /path` of the call, for messages. */
  request: string;
  status: number;
  headers: Headers;
  text: string;
}

/** An answer whose body is read incrementally. */
export interface StreamingResponse {
  request: string;
  status: number;
  headers: Headers;
  /** Body chunks as they arrive; stopping early closes the connection. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body (for error answers). */
  buffer(): Promise<BufferedResponse>;
  /** Closes the connection without reading further. */
  close(): void;
}

/**
 * Sends engine calls with fetch: adds the bearer token, applies the timeout and the caller's
 * signal, follows same-origin 307/308 redirects itself keeping method, body and Authorization
 * (so the behaviour does not depend on the fetch implementation), and maps failures to SqlrsError.
 */
export class HttpTransport {
  /** The endpoint as the caller gave it, used in messages. */
  readonly endpoint: string;
  readonly #origin: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: ClientOptions) {
    this.endpoint = options.endpoint;
    this.#origin = endpointOrigin(options.endpoint);
    this.#token = checkToken(options.token);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Sends a call and reads its whole body before the timeout ends. */
  async request(request: HttpRequest): Promise<BufferedResponse> {
    const control = this.#control(request);
    let phase: 'connect' | 'read' = 'connect';
    try {
      const response = await this.#fetchFollowing(request, control);
      phase = 'read';
      const text = await response.text();
      return { request: label(request), status: response.status, headers: response.headers, text };
    } catch (error) {
      throw control.failure(error, phase);
    } finally {
      control.finish();
    }
  }

  /** Sends a call and returns once the headers arrived; the body is then read as a stream. */
  async stream(request: HttpRequest): Promise<StreamingResponse> {
    const control = this.#control(request);
    let response: Response;
    try {
      response = await this.#fetchFollowing(request, control);
    } catch (error) {
      control.finish();
      throw control.failure(error, 'connect');
    }
    control.stopTimer();
    const source = response.body;
    const base = { request: label(request), status: response.status, headers: response.headers };
    return {
      ...base,
      body: source === null ? emptyBody(control) : readChunks(source, control),
      buffer: async () => {
        try {
          return { ...base, text: await response.text() };
        } catch (error) {
          throw control.failure(error, 'read');
        } finally {
          control.finish();
        }
      },
      close: () => control.close(),
    };
  }

  #control(request: HttpRequest): RequestControl {
    return new RequestControl({
      label: { endpoint: this.endpoint, request: label(request) },
      timeoutMs: this.#timeoutMs,
      signal: request.signal,
    });
  }

  async #fetchFollowing(request: HttpRequest, control: RequestControl): Promise<Response> {
    const init: RequestInit = {
      method: request.method,
      headers: this.#headers(request),
      redirect: 'manual',
      signal: control.signal,
    };
    if (request.body !== undefined) init.body = JSON.stringify(request.body);
    let url = new URL(`${request.path}${queryString(request.query)}`, this.#origin);
    for (let hops = 0; ; hops++) {
      const response = await this.#fetch(url, init);
      const location = response.headers.get('location');
      if ((response.status !== 307 && response.status !== 308) || location === null) return response;
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        throw new SqlrsError(
          'internal_error',
          `${label(request)} was redirected to ${next.origin}; the client sends the token only to ${url.origin}, check the endpoint`,
        );
      }
      if (hops >= MAX_REDIRECTS) {
        throw new SqlrsError('internal_error', `${label(request)} was redirected more than ${MAX_REDIRECTS} times; check the engine`, {
          details: `last Location: ${location}`,
        });
      }
      url = next;
    }
  }

  #headers(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    return headers;
  }
}

const TOKEN = /^[\x21-\x7e]+$/;

function checkToken(token: string | undefined): string | undefined {
  if (token === undefined || TOKEN.test(token)) return token;
  throw new SqlrsError('invalid_argument', 'invalid token; pass authToken from engine.json (printable characters, no spaces)', {
    issues: [{ path: 'token', message: 'expected a non-empty token of printable ASCII characters' }],
  });
}

function checkTimeout(timeoutMs: number): number {
  if (Number.isFinite(timeoutMs) && timeoutMs >= 0) return timeoutMs;
  throw new SqlrsError('invalid_argument', `invalid timeoutMs ${timeoutMs}; pass a number of milliseconds, or 0 for no timeout`, {
    issues: [{ path: 'timeoutMs', message: 'expected a finite number >= 0' }],
  });
}

function label(request: HttpRequest): string {
  return `${request.method} ${request.path}`;
}

async function* emptyBody(control: RequestControl): AsyncGenerator<Uint8Array, void, undefined> {
  control.finish();
  yield* [];
}

async function* readChunks(
  source: ReadableStream<Uint8Array>,
  control: RequestControl,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = source.getReader();
  const read = async (): Promise<Uint8Array | undefined> => {
    try {
      const chunk = await reader.read();
      return chunk.done ? undefined : chunk.value;
    } catch (error) {
      if (control.closed) return undefined;
      throw control.failure(error, 'read');
    }
  };
  let finished = false;
  try {
    for (let chunk = await read(); chunk !== undefined; chunk = await read()) yield chunk;
    finished = true;
  } finally {
    // A consumer that stops early must close the connection: the engine then stops a run's tool
    // and frees the stream slot (api.md §1.8).
    if (finished) control.finish();
    else control.close();
  }
}
