// status: engine, store, snapshot backend, runtime and cache usage in one view.
import type { CacheStatus } from '@sqlrs/contract';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { describeError } from '../render-error.js';
import { cacheLines } from './cache.js';

export const status: Command = {
  name: 'status',
  summary: 'engine, store, runtime, snapshot backend and cache usage',
  usage: '',
  options: [],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs status', 'sqlrs status -o json'],
  run: async (ctx) => {
    const client = await ctx.client();
    const engine = await client.engineInfo();
    // Cache status is optional here: an engine build without it still has a useful status.
    let cache: CacheStatus | null = null;
    let cacheError: string | undefined;
    try {
      cache = await client.cacheStatus();
    } catch (err) {
      cacheError = describeError(err).message;
    }
    if (ctx.output === 'json') {
      ctx.json({ engine, cache, ...(cacheError === undefined ? {} : { cache_error: cacheError }) });
      return EXIT.ok;
    }
    const ok = (flag: boolean, reason: string | null): string => (flag ? 'ok' : `NOT OK: ${reason ?? 'unknown'}`);
    ctx.print(
      [
        `engine:     ${engine.version} pid ${engine.pid} since ${engine.started_at}`,
        `store:      ${engine.store_root} (${engine.store_id})`,
        `snapshots:  ${engine.snapshot_backend}`,
        `runtime:    ${engine.runtime.kind} ${engine.runtime.version ?? ''}${engine.runtime.network === null ? '' : ` network=${engine.runtime.network}`} ${ok(engine.runtime.ok, engine.runtime.reason)}`,
        `liquibase:  ${engine.liquibase.mode} ${engine.liquibase.version ?? ''} ${ok(engine.liquibase.ok, engine.liquibase.reason)}`,
        ...(cache === null ? [`cache:      unavailable (${cacheError})`] : cacheLines(cache).map((l) => `cache ${l}`)),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
