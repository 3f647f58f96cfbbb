// cache status | cache explain: cache usage, and whether a prepare would hit the cache.
import type { CacheStatus } from '@sqlrs/contract';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { IMAGE_OPTION, prepareRequest } from '../prepare-request.js';
import { formatBytes } from '../render/state-tree.js';
import { table } from '../render/table.js';
import { usageError } from '../usage-error.js';

/** The cache status as lines of text. */
export function cacheLines(c: CacheStatus): string[] {
  return [
    `usage:      ${formatBytes(c.usage_bytes)} of ${formatBytes(c.effective_max_bytes)}${c.configured_max_bytes === null ? ' (store-coupled)' : ''}, ${c.state_count} states`,
    `store:      ${formatBytes(c.store_free_bytes)} free of ${formatBytes(c.store_total_bytes)}, reserve ${formatBytes(c.reserve_bytes)}`,
    `reclaimable ${formatBytes(c.reclaimable_bytes)}, blocked ${c.blocked_count}; pressure: ${c.pressure_reasons.length === 0 ? 'none' : c.pressure_reasons.join(', ')}`,
  ];
}

export const cacheStatus: Command = {
  name: 'cache status',
  summary: 'cache usage, limits and pressure',
  usage: '',
  options: [],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs cache status', 'sqlrs cache status -o json'],
  run: async (ctx) => {
    const status = await (await ctx.client()).cacheStatus();
    if (ctx.output === 'json') ctx.json(status);
    else ctx.print(cacheLines(status).join('\n'));
    return EXIT.ok;
  },
};

export const cacheExplain: Command = {
  name: 'cache explain',
  summary: 'tell whether a prepare would be served from the cache (creates nothing)',
  usage: 'prepare:psql|prepare:lb [--image IMAGE] -- <args>',
  options: [IMAGE_OPTION],
  positionals: { min: 1, max: 1 },
  toolArgs: true,
  examples: ['sqlrs cache explain prepare:psql -- -f schema.sql', 'sqlrs cache explain prepare:lb -- update --changelog-file=db/changelog.xml'],
  run: async (ctx, args) => {
    const what = args.positionals[0];
    if (what !== 'prepare:psql' && what !== 'prepare:lb') throw usageError('cache explain takes prepare:psql or prepare:lb', 'cache explain');
    const client = await ctx.client();
    const request = await prepareRequest(what === 'prepare:psql' ? 'psql' : 'lb', args, ctx.io, true);
    const result = await client.explainPrepare(request);
    if (ctx.output === 'json') ctx.json(result);
    else {
      ctx.print(`${result.decision}: ${result.cached_steps} of ${result.total_steps} steps cached${result.matched_state_id === null ? '' : ` (state ${result.matched_state_id})`}`);
      ctx.print(table(['STEP', 'CACHE', 'ARGS'], result.steps.map((s) => [s.task_id, s.cached ? 'cached' : 'build', s.args_summary])));
    }
    return EXIT.ok;
  },
};
