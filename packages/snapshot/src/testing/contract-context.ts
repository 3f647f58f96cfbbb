import { mkdtemp, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Snapshotter } from '../snapshotter.js';

/** What one backend's contract run works with. */
export interface SnapshotterContractEnv {
  snapshotter: Snapshotter;
  /** An existing directory on the filesystem the backend is meant for; each test works in a fresh subdirectory. */
  root: string;
  /** A directory on a filesystem this backend must refuse (omit for copy, which works everywhere). */
  wrongRoot?: string;
  /** Called once after the suite. */
  cleanup?: () => Promise<void> | void;
}

/** Makes the environment once, before the suite's first test. */
export type SnapshotterContractSetup = () => Promise<SnapshotterContractEnv> | SnapshotterContractEnv;

/** The running suite's environment and a fresh working directory per call. */
export interface ContractContext {
  env(): SnapshotterContractEnv;
  workDir(): Promise<string>;
}

/** A context over a lazily set environment. */
export function contractContext(current: () => SnapshotterContractEnv | undefined): ContractContext {
  const env = (): SnapshotterContractEnv => {
    const value = current();
    if (value === undefined) throw new Error('no environment: the setup of the snapshot contract failed');
    return value;
  };
  return { env, workDir: () => mkdtemp(join(env().root, 'case-')) };
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

/** The parts of a SqlrsError the suite compares. */
export function errorBody(error: unknown): Record<string, unknown> {
  const { name, code, message, details, data } = error as Record<string, unknown>;
  return { name, code, message, details, data };
}

/** Bytes available to unprivileged users on the filesystem of `path`. */
export async function freeBytes(path: string): Promise<number> {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
}
