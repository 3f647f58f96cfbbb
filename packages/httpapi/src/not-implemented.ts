import { SqlrsError } from '@sqlrs/errors';

/** The 503 of a route that a later piece of work implements (api.md §1.5). */
export function notImplemented(method: string, route: string): SqlrsError {
  return new SqlrsError('unavailable', `${method} ${route} is not implemented in this build`);
}

/** The service a route needs, or the route's 503 when this build was assembled without it. */
export function available<T>(service: T | undefined, method: string, route: string): T {
  if (service === undefined) throw notImplemented(method, route);
  return service;
}
