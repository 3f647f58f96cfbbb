import { isSqlrsError } from '@sqlrs/errors';
import type { BaseRecord } from '../bases.js';
import type { ImageRecord } from '../images.js';
import type { NewInstance } from '../instances.js';
import type { NewJob } from '../jobs.js';
import type { NewState, StateRecord } from '../states.js';
import type { Store } from '../store.js';

/** A fixed clock origin for fixtures (2023-11-14T22:13:20.000Z). */
export const T0 = 1_700_000_000_000;

/** The image key every fixture uses unless told otherwise. */
export const IMAGE_KEY = `docker:sha256:${'a'.repeat(64)}`;

/** The resolved reference of the fixture image. */
export const IMAGE_REF = `sqlrs-test/postgres:15@sha256:${'a'.repeat(64)}`;

/** The base id every fixture uses unless told otherwise. */
export const BASE_ID = 'b'.repeat(64);

/** A 32-hex id (jobs, instances) made of a readable prefix padded with zeros. */
export function id32(prefix: string): string {
  return prefix.padEnd(32, '0');
}

/** A 64-hex state id made of a readable prefix padded with zeros. */
export function id64(prefix: string): string {
  return prefix.padEnd(64, '0');
}

/** An image row. */
export function fixtureImage(overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    imageKey: IMAGE_KEY,
    runtimeKind: 'docker',
    displayRef: IMAGE_REF,
    repoDigest: null,
    platform: 'linux/amd64',
    pgMajor: 15,
    pgVersion: '15.8',
    runUid: 999,
    runGid: 999,
    locales: 'C\nC.UTF-8\nen_US.UTF-8',
    firstSeenAt: T0,
    lastUsedAt: T0,
    ...overrides,
  };
}

/** A ready base row of the fixture image. */
export function fixtureBase(overrides: Partial<BaseRecord> = {}): BaseRecord {
  const baseId = overrides.baseId ?? BASE_ID;
  return {
    baseId,
    imageKey: IMAGE_KEY,
    initSpecHash: 'c'.repeat(64),
    initSpecJson: '{"encoding":"UTF8","locale":"C.UTF-8"}',
    relPath: `engines/postgres/pg15-${baseId.slice(0, 16)}/base`,
    status: 'ready',
    sizeAllocatedBytes: 40_000_000,
    createdAt: T0,
    readyAt: T0,
    lastUsedAt: null,
    ...overrides,
  };
}

/** A state about to be built on the fixture base (step 0 unless a parent is given). */
export function fixtureState(stateId: string, overrides: Partial<NewState> = {}): NewState {
  const parentStateId = overrides.parentStateId ?? null;
  return {
    stateId,
    baseId: BASE_ID,
    parentStateId,
    inputKind: parentStateId === null ? 'image' : 'state',
    inputId: parentStateId ?? IMAGE_KEY,
    taskHash: 'd'.repeat(64),
    prepareKind: 'psql',
    depth: 0,
    argsSummary: '-c select 1',
    prepareArgsNormalized: "-X -v ON_ERROR_STOP=1 -c 'select 1'",
    stepJson: '{"source":"command"}',
    buildJobId: null,
    relPath: `engines/postgres/pg15-bbbbbbbbbbbbbbbb/states/${stateId}`,
    snapshotter: 'copy',
    createdAt: T0,
    ...overrides,
  };
}

/** An active instance of a state. */
export function fixtureInstance(instanceId: string, stateId: string, overrides: Partial<NewInstance> = {}): NewInstance {
  return {
    instanceId,
    stateId,
    imageKey: IMAGE_KEY,
    jobId: null,
    runtimeKind: 'docker',
    runtimeId: `container-${instanceId.slice(0, 8)}`,
    relDir: `instances/${instanceId}`,
    socketDir: `instances/${instanceId}/run`,
    host: '127.0.0.1',
    port: 55_432,
    dbUser: 'sqlrs',
    dbName: 'postgres',
    password: 'cGFzc3dvcmQtcGFzc3dvcmQtcGFzcw',
    status: 'active',
    statusReason: null,
    createdAt: T0,
    startedAt: T0,
    stoppedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

/** A psql job as submitted. */
export function fixtureJob(jobId: string, overrides: Partial<NewJob> = {}): NewJob {
  return {
    jobId,
    prepareKind: 'psql',
    planOnly: false,
    imageRef: 'sqlrs-test/postgres:15',
    name: null,
    ttlSeconds: null,
    requestJson: '{"prepare_kind":"psql","image_id":"sqlrs-test/postgres:15","psql_args":["-c","select 1"]}',
    prepareArgsNormalized: "-X -v ON_ERROR_STOP=1 -c 'select 1'",
    deadlineAt: null,
    createdAt: T0,
    ...overrides,
  };
}

/** Writes the fixture image and base when they are not there yet. */
export function seedCatalog(store: Store): void {
  if (store.getImage(IMAGE_KEY) === undefined) store.upsertImage(fixtureImage());
  if (store.getBase(BASE_ID) === undefined) store.upsertBase(fixtureBase());
}

/** Builds a ready state (and the catalog it needs) in one go. */
export function seedReadyState(store: Store, stateId: string, overrides: Partial<NewState> = {}): StateRecord {
  seedCatalog(store);
  const state = store.insertState(fixtureState(stateId, overrides));
  return store.markStateReady(stateId, {
    readyAt: state.createdAt + 1_000,
    sizeApparentBytes: 50_000_000,
    sizeAllocatedBytes: 41_943_040,
    minRetentionUntil: state.createdAt + 601_000,
  });
}

/** The error a call throws, reduced to what a caller sees. */
export function errorOf(fn: () => unknown): { code: string; message: string; details: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (isSqlrsError(err)) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
  throw new Error('expected the call to throw a SqlrsError');
}
