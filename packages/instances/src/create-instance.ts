import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { toHex } from '@sqlrs/id';
import { type ResolvedImage, type Sandbox, sandboxQuery } from '@sqlrs/runtime';
import { instanceSocketDir } from '@sqlrs/statefs';
import type { InstanceRecord } from '@sqlrs/store';
import type { InstanceContext } from './instance-context.js';
import { destroyInstanceFiles, storedPath } from './instance-context.js';
import { scramSha256VerifierAsync } from './scram-verifier.js';

/** What `InstanceCreator.create` needs (issue 4 interfaces). */
export interface CreateInstanceRequest {
  jobId: string;
  stateId: string;
  image: ResolvedImage;
  name: string | null;
  rebind: boolean;
  expiresAt: number | null;
  signal?: AbortSignal;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new SqlrsError('cancelled', 'creating the instance was cancelled');
}

/** 24 random bytes, base64url: the instance password (engine.md §4.2). */
function newPassword(randomBytes: (n: number) => Uint8Array): string {
  return Buffer.from(randomBytes(24)).toString('base64url');
}

/**
 * The statement that sets the `sqlrs` password from a client-computed SCRAM verifier; the plaintext
 * never leaves the engine. It runs over the runtime's readiness connection (no second login).
 */
async function passwordSql(context: InstanceContext, password: string): Promise<string> {
  const verifier = await scramSha256VerifierAsync(password, context.randomBytes(16));
  // The verifier is base64 plus `$` and `:`: nothing to escape, and ALTER ROLE takes no parameters.
  // Instances run with synchronous_commit=off; this commit must reach the WAL before the row is
  // published, or a server crash in the next ~0.6 s would lose the password the DSN carries. The
  // setting must stay on to the end: both statements commit together, at the end of the query.
  return `SET synchronous_commit = on; ALTER ROLE sqlrs PASSWORD '${verifier}'`;
}

/** Sets the password over a new socket connection (a reset restarts a sandbox without readySql). */
export async function setPassword(context: InstanceContext, sandbox: Sandbox, password: string): Promise<void> {
  await sandboxQuery(sandbox, await passwordSql(context, password));
}

function checkName(context: InstanceContext, request: CreateInstanceRequest): void {
  if (request.name === null || request.rebind) return;
  const bound = context.store.getName(request.name);
  if (bound?.instanceId === null || bound === undefined) return;
  const holder = context.store.getInstance(bound.instanceId);
  if (holder !== undefined && holder.status !== 'expired') {
    throw new SqlrsError('conflict', `name ${request.name} is bound to instance ${bound.instanceId}; use rebind to move it`);
  }
}

/**
 * Clones a ready state, starts it, sets a random password, then publishes the instance row, its
 * name and audit rows in one transaction (engine.md §4.2), under an instance permit. On failure
 * the sandbox and the data are removed and the error is rethrown.
 */
export function createInstance(context: InstanceContext, request: CreateInstanceRequest): Promise<InstanceRecord> {
  return context.permits.with(async () => {
    checkAborted(request.signal);
    const state = context.store.getState(request.stateId);
    if (state?.status !== 'ready') {
      throw new SqlrsError('conflict', `state ${request.stateId} is not ready; prepare it again`);
    }
    const { layout } = context;
    const instanceId = toHex(context.randomBytes(16));
    const asRoot = process.getuid?.() === 0;
    const socketDir = instanceSocketDir(layout, instanceId, { port: 65535, uid: process.getuid?.() ?? 0, storeId: context.storeId });
    context.busy.add(instanceId);
    let sandbox: Sandbox | undefined;
    try {
      // PBKDF2 runs on the thread pool while the data is cloned.
      const password = newPassword(context.randomBytes);
      const readySql = passwordSql(context, password);
      readySql.catch(() => undefined);
      await mkdir(layout.instanceDir(instanceId), { recursive: true });
      await chmod(layout.instanceDir(instanceId), asRoot ? 0o711 : 0o700);
      await context.snapshotter.cloneForInstance(join(layout.root, state.relPath), layout.instanceDataDir(instanceId));
      checkAborted(request.signal);
      const startedAt = context.now();
      sandbox = await context.runtime.start({
        purpose: 'instance',
        ownerId: instanceId,
        storeId: context.storeId,
        image: request.image,
        dataDir: layout.instanceDataDir(instanceId),
        socketDir,
        settings: {},
        readyDeadlineMs: context.readyDeadlineMs,
        readySql: await readySql,
      });
      checkAborted(request.signal);
      checkName(context, request);
      const at = context.now();
      const started = sandbox;
      const record = context.store.transaction(() => {
        context.store.insertInstance(
          {
            instanceId,
            stateId: request.stateId,
            imageKey: request.image.imageKey,
            jobId: request.jobId,
            runtimeKind: context.runtime.kind,
            runtimeId: started.ref.id,
            relDir: storedPath(layout, layout.instanceDir(instanceId)),
            socketDir: storedPath(layout, started.endpoint.socketDir),
            host: '127.0.0.1',
            port: started.endpoint.port,
            dbUser: 'sqlrs',
            dbName: 'postgres',
            password,
            status: 'active',
            statusReason: null,
            createdAt: at,
            startedAt,
            stoppedAt: null,
            expiresAt: request.expiresAt,
          },
          [{ ts: at, actor: 'engine', action: 'instance.created', objectId: instanceId, jobId: request.jobId, details: { stateId: request.stateId, port: started.endpoint.port } }],
        );
        if (request.name !== null) {
          context.store.bindName(request.name, { instanceId, at }, [
            { ts: at, actor: 'engine', action: 'name.bound', objectId: request.name, jobId: request.jobId, details: { instanceId } },
          ]);
        }
        context.store.touchStates([request.stateId], at);
        const published = context.store.getInstance(instanceId);
        if (published === undefined) throw new SqlrsError('internal_error', 'the new instance row vanished');
        return published;
      });
      context.sandboxes.set(instanceId, started);
      context.logger.info({ instanceId, stateId: request.stateId, port: started.endpoint.port, ms: at - startedAt }, 'instance created');
      return record;
    } catch (error) {
      if (sandbox !== undefined) await context.runtime.remove(sandbox.ref).catch(() => undefined);
      await destroyInstanceFiles(context, instanceId, socketDir);
      throw error;
    } finally {
      context.busy.delete(instanceId);
    }
  });
}
