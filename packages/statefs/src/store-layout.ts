import { join } from 'node:path';
import { isRandomId, isStateId } from '@sqlrs/id';
import { SqlrsError } from '@sqlrs/errors';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

function segment(kind: string, value: string): string {
  if (!SEGMENT.test(value) || value.length > 128) {
    throw new SqlrsError('internal_error', `invalid ${kind} for a store path`, { details: JSON.stringify(value) });
  }
  return value;
}

function randomId(kind: string, value: string): string {
  if (!isRandomId(value)) {
    throw new SqlrsError('internal_error', `invalid ${kind} for a store path`, { details: JSON.stringify(value) });
  }
  return value.toLowerCase();
}

function stateId(value: string): string {
  if (!isStateId(value)) {
    throw new SqlrsError('internal_error', 'invalid state id for a store path', { details: JSON.stringify(value) });
  }
  return value.toLowerCase();
}

/**
 * Every path of the state store tree (engine.md §5.1) under one absolute root. Ids and names are
 * checked, so no caller can build a path that leaves its directory.
 */
export class StoreLayout {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** `<version>` directory name of a PostgreSQL base: `pg<major>-<base_id[0:16]>`. */
  static postgresVersion(pgMajor: number, baseId: string): string {
    if (!Number.isInteger(pgMajor) || pgMajor <= 0) {
      throw new SqlrsError('internal_error', 'invalid PostgreSQL major version', { details: String(pgMajor) });
    }
    return `pg${pgMajor}-${segment('base id', baseId).slice(0, 16)}`;
  }

  /** True for directory names under `states/` that are never states (staging and other dot names). */
  static isStagingName(name: string): boolean {
    return name.startsWith('.');
  }

  get engineJson(): string {
    return join(this.root, 'engine.json');
  }

  get engineLock(): string {
    return join(this.root, 'engine.lock');
  }

  /** Where a stale lock is renamed before it is deleted (engine.md §5.2). */
  staleEngineLock(pid: number): string {
    return join(this.root, `engine.lock.stale-${pid}`);
  }

  get stateDb(): string {
    return join(this.root, 'state.db');
  }

  get configJson(): string {
    return join(this.root, 'config.json');
  }

  get logsDir(): string {
    return join(this.root, 'logs');
  }

  get engineLog(): string {
    return join(this.logsDir, 'engine.log');
  }

  get enginesDir(): string {
    return join(this.root, 'engines');
  }

  get postgresDir(): string {
    return join(this.enginesDir, 'postgres');
  }

  versionDir(version: string): string {
    return join(this.postgresDir, segment('version', version));
  }

  baseDir(version: string): string {
    return join(this.versionDir(version), 'base');
  }

  statesDir(version: string): string {
    return join(this.versionDir(version), 'states');
  }

  stateDir(version: string, id: string): string {
    return join(this.statesDir(version), stateId(id));
  }

  /** Sibling of the final state directory where a snapshot is written before its rename. */
  stagingStateDir(version: string, id: string, nonce: string): string {
    return join(this.statesDir(version), `.staging-${stateId(id)}-${segment('nonce', nonce)}`);
  }

  get instancesDir(): string {
    return join(this.root, 'instances');
  }

  instanceDir(instanceId: string): string {
    return join(this.instancesDir, randomId('instance id', instanceId));
  }

  instanceDataDir(instanceId: string): string {
    return join(this.instanceDir(instanceId), 'data');
  }

  instanceRunDir(instanceId: string): string {
    return join(this.instanceDir(instanceId), 'run');
  }

  runtimeJson(instanceId: string): string {
    return join(this.instanceDir(instanceId), 'runtime.json');
  }

  get jobsDir(): string {
    return join(this.root, 'jobs');
  }

  jobDir(jobId: string): string {
    return join(this.jobsDir, randomId('job id', jobId));
  }

  /** The saved `stdin` of a `-f -` job. */
  jobStdin(jobId: string): string {
    return join(this.jobDir(jobId), 'stdin');
  }

  get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  tmpBaseDir(nonce: string): string {
    return join(this.tmpDir, `base-${segment('nonce', nonce)}`);
  }

  buildDir(jobId: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) {
      throw new SqlrsError('internal_error', 'invalid build sandbox number', { details: String(n) });
    }
    return join(this.tmpDir, `build-${randomId('job id', jobId)}-${n}`);
  }

  planDir(jobId: string): string {
    return join(this.tmpDir, `plan-${randomId('job id', jobId)}`);
  }

  lbDir(jobId: string): string {
    return join(this.tmpDir, `lb-${randomId('job id', jobId)}`);
  }

  get trashDir(): string {
    return join(this.tmpDir, 'trash');
  }

  trashEntry(nonce: string): string {
    return join(this.trashDir, segment('nonce', nonce));
  }
}
