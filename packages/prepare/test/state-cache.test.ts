import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_DEFAULTS, type EngineConfig } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { StoreLayout } from '@sqlrs/statefs';
import type { Store } from '@sqlrs/store';
import { BASE_ID, T0, createMemoryStore, fixtureInstance, id32, id64, seedReadyState } from '@sqlrs/store/testing';
import { createLogger } from '@sqlrs/telemetry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatePins } from '../src/state-pins.js';
import { StateCache } from '../src/state-cache.js';
import { FakeSnapshotter } from './helpers/fake-snapshotter.js';

const MB = 1024 * 1024;
const LATER = T0 + 24 * 3600_000;

class RecordingSnapshotter extends FakeSnapshotter {
  destroyed: string[] = [];
  override async destroy(path: string): Promise<void> {
    this.destroyed.push(path);
  }
}

let root: string;
let store: Store;
let config: EngineConfig;
let pins: StatePins;
let snapshotter: RecordingSnapshotter;
let cache: StateCache;

/** A ready state of `mb` MiB, last used at T0 + `usedAt` s. */
function state(n: number, mb: number, usedAt: number, parent: string | null = null): string {
  const id = id64(String(n));
  seedReadyState(store, id, { parentStateId: parent, depth: parent === null ? 0 : 1, relPath: `states/${id}` });
  store.setStateSizes(id, { sizeAllocatedBytes: mb * MB, sizeExclusiveBytes: null, sizeMeasuredAt: T0 });
  store.touchStates([id], T0 + usedAt * 1000);
  // The fixture base has a size of its own; these tests count states only.
  const base = store.getBase(BASE_ID);
  if (base !== undefined && base.sizeAllocatedBytes !== 0) store.upsertBase({ ...base, sizeAllocatedBytes: 0 });
  return id;
}

function ids(paths: string[]): string[] {
  return paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlrs-cache-'));
  store = createMemoryStore();
  config = structuredClone(CONFIG_DEFAULTS) as EngineConfig;
  config.cache.capacity.reserveBytes = 0;
  pins = new StatePins();
  snapshotter = new RecordingSnapshotter();
  cache = new StateCache({
    store,
    layout: new StoreLayout(root),
    snapshotter,
    pins,
    config: () => config,
    logger: createLogger({ level: 'error', stderr: false }),
    now: () => LATER,
    space: async () => ({ totalBytes: 10_000 * MB, freeBytes: 9_000 * MB }),
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('StateCache (state sizes: the store root is not its own mount)', () => {
  it('does nothing without pressure', async () => {
    state(1, 10, 1);
    config.cache.capacity.maxBytes = 100 * MB;
    expect(await cache.enforce('periodic')).toBeUndefined();
    expect(snapshotter.destroyed).toEqual([]);
  });

  it('evicts least recently used leaves first and stops at the low watermark', async () => {
    const a = state(1, 30, 3);
    const b = state(2, 30, 1);
    const c = state(3, 30, 2);
    const d = state(4, 30, 4);
    config.cache.capacity.maxBytes = 100 * MB; // 120 MiB > 90 high; stop at ≤ 80 low
    const summary = await cache.enforce('periodic');
    expect(ids(snapshotter.destroyed)).toEqual([b, c]);
    expect(store.getState(b)).toBeUndefined();
    expect(store.getState(a)).toBeDefined();
    expect(store.getState(d)).toBeDefined();
    expect(summary).toMatchObject({ trigger: 'periodic', evicted_count: 2, freed_bytes: 60 * MB, usage_bytes_before: 120 * MB, usage_bytes_after: 60 * MB });
    const audit = store.listAudit({ action: 'state.evicted' });
    expect(audit.map((e) => e.objectId).sort()).toEqual([b, c].sort());
    expect(audit[0]?.details).toMatchObject({ size_bytes: 30 * MB, trigger: 'periodic' });
  });

  it('on equal use evicts the largest first', async () => {
    const small = state(1, 20, 1);
    const large = state(2, 70, 1);
    state(3, 5, 9);
    config.cache.capacity.maxBytes = 100 * MB; // 95 MiB used > 90 high
    await cache.enforce('periodic');
    expect(ids(snapshotter.destroyed)).toEqual([large]);
    expect(store.getState(small)).toBeDefined();
  });

  it('never evicts a state with an instance, a name, a job pin, a child, or one younger than minStateAge', async () => {
    const withInstance = state(1, 30, 1);
    store.insertInstance(fixtureInstance(id32('1'), withInstance), []);
    const named = state(2, 30, 1);
    store.insertInstance(fixtureInstance(id32('2'), named, { port: 55_433 }), []);
    store.bindName('kept', { instanceId: id32('2'), at: T0 }, []);
    const pinned = state(3, 30, 1);
    const release = pins.pin([pinned]);
    const parent = state(4, 30, 1);
    const child = state(5, 30, 5, parent);
    const young = state(6, 30, 1);
    config.cache.capacity.minStateAge = '0s';
    config.cache.capacity.maxBytes = 50 * MB;
    const stillYoung = new StateCache({
      store,
      layout: new StoreLayout(root),
      snapshotter,
      pins,
      config: () => ({ ...config, cache: { capacity: { ...config.cache.capacity } } }),
      logger: createLogger({ level: 'error', stderr: false }),
      now: () => (store.getState(young)?.minRetentionUntil ?? 0) - 1,
      space: async () => ({ totalBytes: 10_000 * MB, freeBytes: 9_000 * MB }),
    });
    await stillYoung.enforce('periodic');
    expect(ids(snapshotter.destroyed)).toEqual([]);
    // Later the child goes first, then its parent (a new leaf in the same pass); the others stay.
    await cache.enforce('periodic');
    expect(ids(snapshotter.destroyed)).toEqual([young, child, parent]);
    for (const kept of [withInstance, named, pinned]) expect(store.getState(kept)).toBeDefined();
    release();
    expect(pins.has(pinned)).toBe(false);
  });

  it('ensureRoom fails with cache_limit_too_small when the pending state alone exceeds maxBytes', async () => {
    config.cache.capacity.maxBytes = 10 * MB;
    const error = await cache.ensureRoom('prepare_step', 20 * MB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlrsError);
    expect(error).toMatchObject({ code: 'cache_limit_too_small' });
    expect(JSON.parse((error as SqlrsError).details ?? '{}')).toMatchObject({ phase: 'prepare_step', recommended_min_bytes: 20 * MB });
  });

  it('ensureRoom evicts to make room, and fails cache_full_unreclaimable when nothing can go', async () => {
    const old = state(1, 60, 1);
    config.cache.capacity.maxBytes = 100 * MB;
    await cache.ensureRoom('prepare_step', 50 * MB);
    expect(ids(snapshotter.destroyed)).toEqual([old]);
    const kept = state(2, 90, 2);
    store.insertInstance(fixtureInstance(id32('3'), kept), []);
    const error = await cache.ensureRoom('snapshot', 20 * MB).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'cache_full_unreclaimable' });
    expect(JSON.parse((error as SqlrsError).details ?? '{}')).toMatchObject({ phase: 'snapshot', usage: 90 * MB, blocked_count: 1, reclaimable_bytes: 0 });
  });

  it('ensureRoom never fails without an explicit maxBytes', async () => {
    const kept = state(1, 900, 1);
    store.insertInstance(fixtureInstance(id32('1'), kept), []);
    config.cache.capacity.reserveBytes = 9_500 * MB; // free 9000 < reserve: pressure nobody can relieve
    await expect(cache.ensureRoom('prepare_step', 10 * MB)).resolves.toBeUndefined();
    // The reserve also shrinks the store-coupled limit to 500 MiB, under the 900 MiB in use.
    expect((await cache.status()).pressure_reasons).toEqual(['usage_above_high_watermark', 'physical_free_below_reserve']);
  });

  it('status reports usage, limits, eligibility and the last pass', async () => {
    state(1, 30, 1);
    const kept = state(2, 30, 2);
    store.insertInstance(fixtureInstance(id32('1'), kept), []);
    config.cache.capacity.maxBytes = 40 * MB;
    config.cache.capacity.minStateAge = '90s';
    const before = await cache.status();
    expect(before).toMatchObject({
      usage_bytes: 60 * MB,
      configured_max_bytes: 40 * MB,
      effective_max_bytes: 40 * MB,
      reserve_bytes: 0,
      high_watermark: 0.9,
      low_watermark: 0.8,
      min_state_age: '1m30s',
      min_state_age_seconds: 90,
      store_total_bytes: 10_000 * MB,
      store_free_bytes: 9_000 * MB,
      state_count: 2,
      reclaimable_bytes: 30 * MB,
      blocked_count: 1,
      pressure_reasons: ['usage_above_high_watermark'],
      last_eviction: null,
      snapshot_backend: 'copy',
    });
    await cache.enforce('config_change');
    const after = await cache.status();
    expect(after).toMatchObject({ usage_bytes: 30 * MB, state_count: 1, reclaimable_bytes: 0, last_eviction: { trigger: 'config_change', evicted_count: 1 } });
  });
});
