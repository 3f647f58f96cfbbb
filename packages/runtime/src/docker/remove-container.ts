import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import type { RuntimeRef } from '../runtime.js';
import { dockerFailure, isNotFound, statusCodeOf } from './docker-errors.js';

// How long a removal may wait for a container that is still being created or already being removed.
const SETTLE_MS = 10_000;
const POLL_MS = 20;

// By label, not by id: a container still being created is in the label-filtered list but not yet
// in the daemon's id index (remove, inspect and an `id` filter all miss it).
async function listed(docker: Dockerode, ref: RuntimeRef): Promise<boolean> {
  const label = ref.storeId === '' ? 'sqlrs.store' : `sqlrs.store=${ref.storeId}`;
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  return found.some((container) => container.Id === ref.id);
}

/**
 * Force-removes a container; idempotent. A 404 counts as done only once the container is also
 * gone from the list: a container still being created is listed before it can be removed (the
 * daemon answers 404), and one Docker is already removing (409) is waited for.
 */
export async function removeContainer(docker: Dockerode, ref: RuntimeRef, address: string): Promise<void> {
  const id = ref.id;
  const container = docker.getContainer(id);
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    let failure: unknown;
    try {
      await container.remove({ force: true });
      return;
    } catch (error) {
      if (!isNotFound(error) && statusCodeOf(error) !== 409) throw dockerFailure(error, `removing container ${id.slice(0, 12)}`, address);
      failure = error;
    }
    try {
      if (!(await listed(docker, ref))) return;
    } catch (error) {
      throw dockerFailure(error, `removing container ${id.slice(0, 12)}`, address);
    }
    if (Date.now() > deadline) throw dockerFailure(failure, `removing container ${id.slice(0, 12)}`, address);
    await sleep(POLL_MS);
  }
}
