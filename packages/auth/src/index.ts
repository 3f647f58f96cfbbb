// Engine auth: token creation, constant-time bearer verification and the hono middleware.
export { newAuthToken } from './auth-token.js';
export type { RandomBytes } from './auth-token.js';
export { verifyBearer } from './verify-bearer.js';
export { bearerAuth } from './bearer-auth.js';
export type { BearerAuthOptions } from './bearer-auth.js';
