import { stat, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheEvictionSummary, CacheStatus, EngineConfig, EvictionTrigger } from '@sqlrs/contract';
import { formatDuration } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { Snapshotter } from '@sqlrs/snapshot';
import type { StoreLayout } from '@sqlrs/statefs';
import type { StateRecord, Store } from '@sqlrs/store';
import type { Logger, Metrics } from '@sqlrs/telemetry';
import { type CacheCapacity, type FilesystemSpace, cacheCapacity, pressureReasons, relieved } from './cache-capacity.js';
import { evictionCandidates, stateBytes } from './cache-candidates.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { StatePins } from './state-pins.js';

/** Where room is asked for before work (engine.md §13 "Triggers"). */
export type RoomPhase = 'prepare_step' | 'snapshot' | 'reset';

/** How usage is measured (engine.md §13 "Usage"). */
export type UsageMode = 'filesystem' | 'state_sizes';

/** Collaborators of the bounded state cache. */
export interface StateCacheOptions {
  store: Store;
  layout: StoreLayout;
  snapshotter: Snapshotter;
  pins: StatePins;
  config: () => EngineConfig;
  logger: Logger;
  metrics?: Metrics | undefined;
  now?: () => number;
  /** Total and free bytes of the store's filesystem (default: statfs of the store root). */
  space?: (root: string) => Promise<FilesystemSpace>;
}

interface Measure {
  usage: number;
  space: FilesystemSpace;
  capacity: CacheCapacity;
}

const PERIODIC_MS = 5 * 60_000;

async function statfsSpace(root: string): Promise<FilesystemSpace> {
  const s = await statfs(root);
  // bavail: what an unprivileged writer can still use (the engine's builds run as the postgres user).
  return { totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
}

/**
 * The bounded state cache of engine.md §13: measures usage, evicts least recently used eligible
 * leaves under pressure, answers `GET /v1/cache/status`, and refuses work an explicit
 * `cache.capacity.maxBytes` can't hold (`CapacityGuard.ensureRoom`).
 */
export class StateCache {
  private readonly now: () => number;
  private readonly space: (root: string) => Promise<FilesystemSpace>;
  /** One eviction pass at a time. */
  private readonly mutex = new KeyedMutex();
  private mode: UsageMode | undefined;
  private lastEviction: CacheEvictionSummary | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: StateCacheOptions) {
    this.now = o.now ?? Date.now;
    this.space = o.space ?? statfsSpace;
  }

  /** `filesystem` when the store root is its own mount (statfs is the truth under CoW sharing). */
  async usageMode(): Promise<UsageMode> {
    if (this.mode === undefined) {
      const root = this.o.layout.root;
      const [own, parent] = await Promise.all([stat(root), stat(dirname(root))]);
      this.mode = own.dev !== parent.dev ? 'filesystem' : 'state_sizes';
    }
    return this.mode;
  }

  private async measure(): Promise<Measure> {
    let space: FilesystemSpace;
    let capacity: CacheCapacity;
    try {
      space = await this.space(this.o.layout.root);
      capacity = cacheCapacity(this.o.config().cache.capacity, space);
    } catch (error) {
      throw new SqlrsError('cache_enforcement_unavailable', `cannot measure the state store: ${(error as Error).message}`, { cause: error });
    }
    let usage: number;
    if ((await this.usageMode()) === 'filesystem') usage = space.totalBytes - space.freeBytes;
    else {
      usage = 0;
      // `missing` states have no data left to count (engine.md §13: ready states).
      for (const s of this.o.store.listStates({ statuses: ['ready'] })) usage += stateBytes(s);
      for (const b of this.o.store.listBases()) usage += b.sizeAllocatedBytes ?? 0;
    }
    this.o.metrics?.cacheUsageBytes.set(usage);
    this.o.metrics?.cacheEffectiveMaxBytes.set(capacity.effectiveMaxBytes);
    return { usage, space, capacity };
  }

  private candidates(): ReturnType<typeof evictionCandidates> {
    const named = new Set<string>();
    for (const n of this.o.store.listNames()) if (n.stateId !== null) named.add(n.stateId);
    return evictionCandidates(this.o.store.listStates(), { pinned: (id) => this.o.pins.has(id), named, now: this.now() });
  }

  /** `GET /v1/cache/status` (api.md §7.1). */
  async status(): Promise<CacheStatus> {
    const m = await this.measure();
    const { eligible, blocked } = this.candidates();
    this.o.metrics?.cacheStates.set(eligible.length + blocked.length);
    return {
      usage_bytes: m.usage,
      configured_max_bytes: m.capacity.configuredMaxBytes,
      effective_max_bytes: m.capacity.effectiveMaxBytes,
      reserve_bytes: m.capacity.reserveBytes,
      high_watermark: m.capacity.highWatermark,
      low_watermark: m.capacity.lowWatermark,
      min_state_age: formatDuration(m.capacity.minStateAgeMs),
      min_state_age_seconds: m.capacity.minStateAgeMs / 1000,
      store_total_bytes: m.space.totalBytes,
      store_free_bytes: m.space.freeBytes,
      state_count: eligible.length + blocked.length,
      reclaimable_bytes: eligible.reduce((sum, s) => sum + stateBytes(s), 0),
      blocked_count: blocked.length,
      pressure_reasons: pressureReasons(m.usage, m.space.freeBytes, m.capacity),
      last_eviction: this.lastEviction,
      snapshot_backend: this.o.snapshotter.kind,
    };
  }

  /** Runs one eviction pass when under pressure; never throws (other triggers only log). */
  async enforce(trigger: EvictionTrigger): Promise<CacheEvictionSummary | undefined> {
    try {
      return await this.evict(trigger, 0);
    } catch (error) {
      this.o.logger.warn({ err: error, trigger }, 'cache: eviction pass failed');
      return undefined;
    }
  }

  /**
   * Makes room for `headroomBytes` more before work starts. Evicts under pressure; fails only with
   * an explicit `maxBytes` that usage plus headroom still exceeds (`cache_limit_too_small` when
   * the pending data alone is larger, else `cache_full_unreclaimable`).
   */
  async ensureRoom(phase: RoomPhase, headroomBytes: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) throw signal.reason ?? new SqlrsError('cancelled', 'cancelled');
    const summary = await this.evict(phase === 'reset' ? 'prepare_step' : phase, headroomBytes);
    const m = await this.measure();
    const max = m.capacity.configuredMaxBytes;
    if (max === null || m.usage + headroomBytes <= max) {
      const reasons = pressureReasons(m.usage, m.space.freeBytes, m.capacity);
      if (reasons.length > 0) this.o.logger.warn({ phase, reasons, usage: m.usage }, 'cache: pressure that eviction cannot relieve; continuing');
      return;
    }
    const { eligible, blocked } = this.candidates();
    const tooSmall = headroomBytes > max;
    const details = JSON.stringify({
      phase,
      reasons: pressureReasons(m.usage, m.space.freeBytes, m.capacity),
      usage: m.usage,
      free: m.space.freeBytes,
      effective_max: m.capacity.effectiveMaxBytes,
      reserve: m.capacity.reserveBytes,
      watermarks: { high: m.capacity.highWatermark, low: m.capacity.lowWatermark },
      evicted_count: summary?.evicted_count ?? 0,
      freed_bytes: summary?.freed_bytes ?? 0,
      blocked_count: blocked.length,
      reclaimable_bytes: eligible.reduce((sum, s) => sum + stateBytes(s), 0),
      ...(tooSmall ? { recommended_min_bytes: headroomBytes } : {}),
    });
    if (tooSmall) {
      throw new SqlrsError('cache_limit_too_small', `the next state needs about ${headroomBytes} bytes but cache.capacity.maxBytes is ${max}; raise the limit`, { details });
    }
    throw new SqlrsError(
      'cache_full_unreclaimable',
      `the state cache is full (${m.usage} of ${max} bytes) and nothing more can be evicted; delete instances or states you no longer need, or raise cache.capacity.maxBytes`,
      { details },
    );
  }

  private async evict(trigger: EvictionTrigger, headroomBytes: number): Promise<CacheEvictionSummary | undefined> {
    return this.mutex.run('evict', async () => {
      const before = await this.measure();
      const pressed = (m: Measure): boolean =>
        pressureReasons(m.usage, m.space.freeBytes, m.capacity).length > 0 ||
        (m.capacity.configuredMaxBytes !== null && m.usage + headroomBytes > m.capacity.configuredMaxBytes);
      if (!pressed(before)) return undefined;
      let m = before;
      let evicted = 0;
      let freed = 0;
      const skipped = new Set<string>();
      while (!relieved(m.usage + headroomBytes, m.space.freeBytes, m.capacity)) {
        const next = this.candidates().eligible.find((s) => !skipped.has(s.stateId));
        if (next === undefined) break;
        if (!(await this.evictOne(next, trigger))) {
          skipped.add(next.stateId);
          continue;
        }
        evicted += 1;
        freed += stateBytes(next);
        m = await this.measure();
      }
      const { eligible, blocked } = this.candidates();
      const summary: CacheEvictionSummary = {
        completed_at: new Date(this.now()).toISOString(),
        trigger,
        evicted_count: evicted,
        freed_bytes: (await this.usageMode()) === 'filesystem' ? Math.max(0, before.usage - m.usage) : freed,
        blocked_count: blocked.length,
        reclaimable_bytes: eligible.reduce((sum, s) => sum + stateBytes(s), 0),
        usage_bytes_before: before.usage,
        usage_bytes_after: m.usage,
        free_bytes_before: before.space.freeBytes,
        free_bytes_after: m.space.freeBytes,
      };
      this.lastEviction = summary;
      this.o.metrics?.cacheEvictedBytesTotal.inc({ trigger }, summary.freed_bytes);
      this.o.logger.info({ trigger, evicted, freed: summary.freed_bytes, usage: m.usage }, 'cache: eviction pass done');
      return summary;
    });
  }

  /**
   * Removes one state: the row (with its expired tombstones and a `state.evicted` audit row) in
   * one transaction, then its directory. The eligibility re-check and the row delete run in one
   * synchronous turn, so a job that pins the state afterwards finds it gone and rebuilds it.
   */
  private async evictOne(candidate: StateRecord, trigger: EvictionTrigger): Promise<boolean> {
    const fresh = this.o.store.getState(candidate.stateId);
    if (fresh === undefined || this.o.pins.has(fresh.stateId)) return false;
    const named = this.o.store.listNames().some((n) => n.stateId === fresh.stateId);
    if (named || fresh.refcount > 0 || (fresh.status !== 'ready' && fresh.status !== 'missing')) return false;
    const bytes = stateBytes(fresh);
    try {
      this.o.store.deleteStates(
        [fresh.stateId],
        [{ ts: this.now(), actor: 'engine', action: 'state.evicted', objectId: fresh.stateId, jobId: null, details: { size_bytes: bytes, trigger, reason: 'least recently used eligible leaf' } }],
      );
    } catch (error) {
      // A child, an instance or a name appeared since the candidate list was read.
      this.o.logger.debug({ err: error, stateId: fresh.stateId }, 'cache: state no longer evictable');
      return false;
    }
    await this.o.snapshotter.destroy(join(this.o.layout.root, fresh.relPath));
    if (this.o.snapshotter.caps.asyncFree && (await this.usageMode()) === 'filesystem') await this.o.snapshotter.awaitFree();
    this.o.metrics?.cacheEvictionsTotal.inc({ trigger });
    this.o.logger.info({ stateId: fresh.stateId, bytes, trigger }, 'cache: state evicted');
    return true;
  }

  /** Starts the periodic pass (every 5 min). */
  start(): void {
    this.timer ??= setInterval(() => void this.enforce('periodic'), PERIODIC_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
