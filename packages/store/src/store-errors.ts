import { SqlrsError } from '@sqlrs/errors';

/** The kinds of rows store errors name. */
export type StoreObjectKind = 'image' | 'base' | 'state' | 'instance' | 'name' | 'job' | 'task';

/** The errors every Store implementation throws, so implementations agree word for word. */
export const storeErrors = {
  /** A row the caller named does not exist. */
  notFound(kind: StoreObjectKind, id: string): SqlrsError {
    return new SqlrsError('not_found', `${kind} not found`, { details: id });
  },
  /** A row with this key exists already. */
  exists(kind: StoreObjectKind, id: string): SqlrsError {
    return new SqlrsError('conflict', `${kind} already exists`, { details: id });
  },
  /** A state is not in the status the change needs. */
  stateStatus(stateId: string, status: string, expected: string): SqlrsError {
    return new SqlrsError('conflict', `state is ${status}, expected ${expected}`, { details: stateId });
  },
  /** A row is still referenced by rows that must go first. */
  inUse(kind: StoreObjectKind, id: string, by: string): SqlrsError {
    return new SqlrsError('conflict', `${kind} is still used by ${by}; delete those first`, { details: id });
  },
  /** A unique value (path, port) is taken by another row. */
  taken(what: string, value: string): SqlrsError {
    return new SqlrsError('conflict', `${what} is already taken`, { details: value });
  },
  /** The instance already carries another name. */
  instanceNamed(instanceId: string, name: string): SqlrsError {
    return new SqlrsError('conflict', `instance already has the name ${name}`, { details: instanceId });
  },
  /** The name is bound to a live instance and the request did not ask to rebind it. */
  nameBound(name: string, instanceId: string): SqlrsError {
    return new SqlrsError('conflict', `name ${name} is in use by instance ${instanceId}; pass rebind: true to move it or choose another name`);
  },
  /** Another unfinished job holds the name. */
  nameReserved(name: string, jobId: string): SqlrsError {
    return new SqlrsError('conflict', `name ${name} is reserved by prepare job ${jobId}; wait for it to finish or choose another name`);
  },
  /** The caller referenced a row that does not exist (a foreign key). */
  missingReference(kind: StoreObjectKind, id: string): SqlrsError {
    return new SqlrsError('conflict', `referenced ${kind} does not exist`, { details: id });
  },
};
