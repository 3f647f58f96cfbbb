// config get|set|rm: the engine's configuration (api.md §8).
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** A value typed on the command line: JSON when it parses (numbers, true, null, arrays), else a string. */
function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export const configGet: Command = {
  name: 'config get',
  summary: 'show the configuration, or one key',
  usage: '[path] [--effective]',
  description: 'Without --effective only overrides are shown; a key that only has a default is then not found.',
  options: [{ name: 'effective', type: 'boolean', help: 'merge defaults with overrides' }],
  positionals: { min: 0, max: 1 },
  examples: ['sqlrs config get --effective', 'sqlrs config get cache.capacity.maxBytes --effective'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const effective = args.values['effective'] === true;
    const path = args.positionals[0];
    const value = path === undefined ? await client.getConfig({ effective }) : await client.getConfigValue(path, { effective });
    if (ctx.output === 'json') ctx.json(value);
    else ctx.print(show(path === undefined ? value : (value as { value: unknown }).value));
    return EXIT.ok;
  },
};

export const configSet: Command = {
  name: 'config set',
  summary: 'set one configuration key',
  usage: '<path> <value>',
  description: 'VALUE is read as JSON when it parses (10, true, null, ["a"]), else as a string.',
  options: [],
  positionals: { min: 2, max: 2 },
  examples: ['sqlrs config set log.level debug', 'sqlrs config set orchestrator.jobs.maxConcurrent 4', 'sqlrs config set cache.capacity.maxBytes null'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const [path, raw] = args.positionals as [string, string];
    const result = await client.setConfig({ path, value: parseConfigValue(raw) });
    if (ctx.output === 'json') ctx.json(result);
    else ctx.print(`${result.path} = ${show(result.value)}${result.restart_required === true ? '  (applies after an engine restart)' : ''}`);
    return EXIT.ok;
  },
};

export const configRm: Command = {
  name: 'config rm',
  summary: 'remove an override (back to the default)',
  usage: '<path>',
  options: [],
  positionals: { min: 1, max: 1 },
  examples: ['sqlrs config rm log.level'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const result = await client.deleteConfig(args.positionals[0] as string);
    if (ctx.output === 'json') ctx.json(result);
    else ctx.print(`${result.path} = ${show(result.value)} (default)${result.restart_required === true ? '  (applies after an engine restart)' : ''}`);
    return EXIT.ok;
  },
};
