import { parseDuration } from '@sqlrs/contract';
import type { EngineConfig } from '@sqlrs/contract';

/** Total and free bytes of the store's filesystem (statfs). */
export interface FilesystemSpace {
  totalBytes: number;
  freeBytes: number;
}

/** The cache limits of engine.md §13, resolved against the store's filesystem. */
export interface CacheCapacity {
  /** `cache.capacity.maxBytes` when > 0, else null (store-coupled). */
  configuredMaxBytes: number | null;
  reserveBytes: number;
  highWatermark: number;
  lowWatermark: number;
  minStateAgeMs: number;
  /** min(configured max, fs total − reserve), never below 0. */
  effectiveMaxBytes: number;
}

export type PressureReason = 'usage_above_high_watermark' | 'physical_free_below_reserve';

const TEN_GIB = 10 * 1024 ** 3;

/** Resolves the configured policy against the filesystem (null reserve = min(10 GiB, 10 % of it)). */
export function cacheCapacity(capacity: EngineConfig['cache']['capacity'], fs: FilesystemSpace): CacheCapacity {
  const configuredMaxBytes = capacity.maxBytes !== null && capacity.maxBytes > 0 ? capacity.maxBytes : null;
  const reserveBytes = capacity.reserveBytes ?? Math.min(TEN_GIB, Math.floor(fs.totalBytes / 10));
  const coupled = Math.max(0, fs.totalBytes - reserveBytes);
  return {
    configuredMaxBytes,
    reserveBytes,
    highWatermark: capacity.highWatermark,
    lowWatermark: capacity.lowWatermark,
    minStateAgeMs: parseDuration(capacity.minStateAge),
    effectiveMaxBytes: configuredMaxBytes === null ? coupled : Math.min(configuredMaxBytes, coupled),
  };
}

/** Why the cache is under pressure now (empty when it is not). */
export function pressureReasons(usageBytes: number, freeBytes: number, capacity: CacheCapacity): PressureReason[] {
  const reasons: PressureReason[] = [];
  if (usageBytes > capacity.highWatermark * capacity.effectiveMaxBytes) reasons.push('usage_above_high_watermark');
  if (freeBytes < capacity.reserveBytes) reasons.push('physical_free_below_reserve');
  return reasons;
}

/** True once an eviction pass may stop: usage at or under the low watermark and the reserve free. */
export function relieved(usageBytes: number, freeBytes: number, capacity: CacheCapacity): boolean {
  return usageBytes <= capacity.lowWatermark * capacity.effectiveMaxBytes && freeBytes >= capacity.reserveBytes;
}
