import { SqlrsError } from '@sqlrs/errors';

/** The 503 of a route that a later piece of work implements (api.md §1.5). */
export function notImplemented(method: string, route: string): SqlrsError {
  return new SqlrsError('unavailable', `${method} ${route} is not implemented in this build`);
}
