import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { isSqlrsError } from '@sqlrs/errors';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import { DOCKER_API_VERSION, createDockerRuntime } from '../../src/docker/create-docker-runtime.js';
import { framesText } from '../../src/docker/demux.js';
import type { Runtime } from '../../src/runtime.js';
import { describeRuntimeContract } from '../../src/testing.js';

const IMAGE = 'sqlrs-test/postgres:15';
const PROVISION = `run scripts/provision.sh (as root) to start Docker and build ${IMAGE}`;

describeRuntimeContract('docker', async () => {
  const storeId = randomBytes(16).toString('hex');
  const docker = new Dockerode({ version: DOCKER_API_VERSION });
  const root = await mkdtemp(join(tmpdir(), 'sqlrs-docker-contract-'));
  const layout = new StoreLayout(root);
  const asRoot = process.getuid?.() === 0;
  await ensureStoreDirs(layout, { asRoot });
  // Cases also start sandboxes under random store ids; remember every one, for the cleanup.
  const storeIds = new Set([storeId]);
  const open = (): Runtime => {
    const runtime = createDockerRuntime({ docker, storeId, network: 'auto', layout });
    return {
      ...runtime,
      kind: runtime.kind,
      start: (spec) => {
        storeIds.add(spec.storeId);
        return runtime.start(spec);
      },
    };
  };
  const runtime = open();

  const cleanup = async (): Promise<void> => {
    for (const id of storeIds) {
      const label = { label: [`sqlrs.store=${id}`] };
      const leftovers = await docker.listContainers({ all: true, filters: label }).catch(() => []);
      for (const container of leftovers) await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
      await rm(join('/tmp', `sqlrs-${process.getuid?.() ?? 0}-${id.slice(0, 8)}`), { recursive: true, force: true });
    }
    await rm(root, { recursive: true, force: true });
  };

  const probe = await runtime.probe();
  if (!probe.ok) {
    await cleanup();
    return { unavailable: `${probe.reason}; ${PROVISION}` };
  }
  try {
    await runtime.resolveImage(IMAGE, { pull: 'never' });
  } catch (error) {
    await cleanup();
    if (isSqlrsError(error) && error.code === 'unavailable') return { unavailable: `${error.message}; ${PROVISION}` };
    throw error;
  }

  return {
    runtime,
    reopen: open,
    imageRef: IMAGE,
    layout,
    storeId,
    execSocketDir: () => '/var/run/postgresql',
    serverLog: async (sandbox) => framesText(await docker.getContainer(sandbox.ref.id).logs({ stdout: true, stderr: true, follow: false })),
    cleanup,
  };
});
