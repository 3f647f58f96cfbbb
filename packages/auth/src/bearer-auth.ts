import type { Context, MiddlewareHandler } from 'hono';
import { SqlrsError } from '@sqlrs/errors';
import { verifyBearer } from './verify-bearer.js';

/** Options of the bearer middleware: the engine token and the requests that need no token. */
export interface BearerAuthOptions {
  token: string;
  /** True for requests that skip authentication (api.md §1.3: `/v1/health`). */
  exempt?: (c: Context) => boolean;
}

const UNAUTHORIZED_BODY = { code: 'unauthorized', message: 'missing or invalid bearer token' } as const;

/**
 * Hono middleware that answers 401 `unauthorized` with `WWW-Authenticate` unless the request carries
 * `Authorization: Bearer <token>`; tokens in query strings or cookies are never looked at.
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler {
  const { token, exempt } = options;
  if (token === '') {
    throw new SqlrsError('internal_error', 'bearer auth needs a non-empty token; auth cannot be switched off');
  }
  return async (c, next) => {
    if (exempt?.(c) === true) return next();
    const header = c.req.header('authorization');
    if (verifyBearer(header, token)) return next();
    const challenge = header === undefined ? 'Bearer realm="sqlrs"' : 'Bearer realm="sqlrs", error="invalid_token"';
    return c.json(UNAUTHORIZED_BODY, 401, { 'WWW-Authenticate': challenge });
  };
}
