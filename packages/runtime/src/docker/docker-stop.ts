import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { SqlrsError } from '@sqlrs/errors';
import { assertCleanShutdown } from '../pg-control.js';
import type { Sandbox } from '../runtime.js';
import { CONTAINER_DATA_DIR } from './container-spec.js';
import type { DockerContext } from './docker-context.js';
import { dockerFailure, isNotFound, statusCodeOf } from './docker-errors.js';

// After an immediate stop that timed out, how long SIGKILL may take.
const KILL_WAIT_MS = 10_000;

/** Resolves true once the container has exited, false when `timeoutMs` passes first. */
async function waitForExit(container: Dockerode.Container, timeoutMs: number): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await container.wait({ abortSignal: controller.signal });
    return true;
  } catch (error) {
    if (controller.signal.aborted) return false;
    if (isNotFound(error)) return true;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function signal(container: Dockerode.Container, name: string): Promise<void> {
  try {
    await container.kill({ signal: name });
  } catch (error) {
    // 409: the container is not running any more, which is what a stop wants.
    if (statusCodeOf(error) !== 409) throw error;
  }
}

/**
 * Stops the server (engine.md §6.4): `fast` sends SIGINT to postgres and waits for the container
 * to exit, then verifies the shutdown checkpoint in pg_control; `immediate` sends SIGQUIT. A
 * server that outlives `timeoutMs` gets SIGQUIT, then SIGKILL, and a fast stop then fails.
 */
export async function dockerStop(
  context: DockerContext,
  sandbox: Sandbox,
  options: { mode: 'fast' | 'immediate'; timeoutMs: number },
): Promise<void> {
  const container = context.docker.getContainer(sandbox.ref.id);
  let dataDir: string | undefined;
  let clean = true;
  try {
    const info = await container.inspect();
    dataDir = info.Mounts.find((mount) => mount.Destination === CONTAINER_DATA_DIR)?.Source;
    if (info.State.Running) {
      await signal(container, options.mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      if (!(await waitForExit(container, options.timeoutMs))) {
        clean = false;
        if (options.mode === 'fast') await signal(container, 'SIGQUIT');
        if (options.mode === 'immediate' || !(await waitForExit(container, KILL_WAIT_MS))) {
          await signal(container, 'SIGKILL');
          await waitForExit(container, KILL_WAIT_MS);
        }
      }
    }
  } catch (error) {
    if (isNotFound(error)) {
      throw new SqlrsError('not_found', `sandbox container ${sandbox.ref.id.slice(0, 12)} no longer exists`, { cause: error });
    }
    throw dockerFailure(error, `stopping sandbox ${sandbox.ref.id.slice(0, 12)}`, context.address);
  }
  context.logger?.debug({ container: sandbox.ref.id, mode: options.mode, clean }, 'sandbox stopped');
  if (options.mode === 'immediate') return;
  if (!clean) {
    throw new SqlrsError('internal_error', 'cluster did not shut down cleanly', {
      details: `postgres did not finish a fast shutdown within ${options.timeoutMs} ms and was stopped immediately`,
    });
  }
  if (dataDir === undefined) {
    throw new SqlrsError('internal_error', 'cannot verify the shutdown: the container has no data directory mount');
  }
  await assertCleanShutdown(join(dataDir, 'pgdata'));
}
