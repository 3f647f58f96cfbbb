// ls: instances, names, states (as a lineage tree), jobs and tasks, with filters.
import type { SqlrsClient } from '@sqlrs/client';
import type { InstanceEntry, NameEntry, PrepareJobEntry, StateEntry, TaskEntry } from '@sqlrs/contract';
import type { CliContext } from '../cli-context.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { stateTree } from '../render/state-tree.js';
import { shortId, table } from '../render/table.js';
import { resolveJob } from '../resolve-refs.js';
import { usageError } from '../usage-error.js';

const SECTIONS = ['instances', 'names', 'states', 'jobs', 'tasks'] as const;
type Section = (typeof SECTIONS)[number];

function selected(args: ParsedArgs): Section[] {
  if (args.values['all'] === true) return [...SECTIONS];
  const chosen = SECTIONS.filter((s) => args.values[s] === true);
  return chosen.length > 0 ? chosen : ['instances', 'names'];
}

async function fetchSection(client: SqlrsClient, section: Section, args: ParsedArgs): Promise<unknown[]> {
  const str = (name: string): string | undefined => args.values[name] as string | undefined;
  const image = str('image');
  const state = str('state');
  const job = str('job');
  switch (section) {
    case 'instances':
      return client.listInstances({ image, state, id_prefix: str('id-prefix') });
    case 'names':
      return client.listNames({ image, state });
    case 'states':
      return client.listStates({ image, kind: str('kind') as 'psql' | 'lb' | undefined, id_prefix: str('id-prefix') });
    case 'jobs':
      return client.listPrepareJobs({ job });
    case 'tasks':
      return client.listTasks({ job: job === undefined ? undefined : await resolveJob(client, job) });
  }
}

function render(section: Section, items: unknown[]): string {
  switch (section) {
    case 'instances':
      return table(
        ['INSTANCE', 'NAME', 'STATUS', 'STATE', 'CONNS', 'EXPIRES', 'DSN'],
        (items as InstanceEntry[]).map((i) => [shortId(i.instance_id), i.name ?? '-', i.status, shortId(i.state_id), String(i.connections ?? '-'), i.expires_at ?? '-', i.dsn ?? '-']),
      );
    case 'names':
      return table(['NAME', 'INSTANCE', 'STATE', 'IMAGE'], (items as NameEntry[]).map((n) => [n.name, shortId(n.instance_id), shortId(n.state_id), n.image_id]));
    case 'states':
      return stateTree(items as StateEntry[]);
    case 'jobs':
      return table(
        ['JOB', 'STATUS', 'KIND', 'NAME', 'CREATED', 'INSTANCE', 'ARGS'],
        (items as PrepareJobEntry[]).map((j) => [shortId(j.job_id), j.error_code === null ? j.status : `${j.status} (${j.error_code})`, j.prepare_kind, j.name ?? '-', j.created_at, shortId(j.instance_id), j.prepare_args_normalized]),
      );
    case 'tasks':
      return table(
        ['JOB', 'TASK', 'TYPE', 'STATUS', 'CACHED', 'ARGS'],
        (items as TaskEntry[]).map((t) => [shortId(t.job_id), t.task_id, t.type, t.status, t.cached === null ? '-' : String(t.cached), t.args_summary ?? '-']),
      );
  }
}

export const ls: Command = {
  name: 'ls',
  summary: 'list instances and names (or states, jobs, tasks)',
  usage: '[--instances] [--names] [--states] [--jobs] [--tasks] [--all] [filters]',
  description: 'Without a section flag, lists instances and names. States are drawn as a lineage tree.',
  options: [
    { name: 'instances', short: 'i', type: 'boolean', help: 'instances' },
    { name: 'names', short: 'n', type: 'boolean', help: 'names' },
    { name: 'states', short: 's', type: 'boolean', help: 'states, as a tree by parent' },
    { name: 'jobs', short: 'j', type: 'boolean', help: 'prepare jobs' },
    { name: 'tasks', short: 't', type: 'boolean', help: 'tasks of prepare jobs' },
    { name: 'all', short: 'a', type: 'boolean', help: 'every section' },
    { name: 'image', type: 'string', value: 'IMAGE', help: 'only objects of this (resolved) image' },
    { name: 'state', type: 'string', value: 'STATE_ID', help: 'only instances and names of this state' },
    { name: 'kind', type: 'string', value: 'psql|lb', help: 'only states of this kind' },
    { name: 'id-prefix', type: 'string', value: 'HEX', help: 'only instances/states whose id starts with HEX (8+)' },
    { name: 'job', type: 'string', value: 'JOB', help: 'only jobs/tasks of this job id (prefix)' },
  ],
  positionals: { min: 0, max: 0 },
  examples: ['sqlrs ls', 'sqlrs ls --states --kind psql', 'sqlrs ls --jobs --tasks --job 9f2c', 'sqlrs ls -a -o json'],
  run: async (ctx: CliContext, args) => {
    const kind = args.values['kind'];
    if (kind !== undefined && kind !== 'psql' && kind !== 'lb') throw usageError('--kind must be psql or lb', 'ls');
    const client = await ctx.client();
    const sections = selected(args);
    const results = await Promise.all(sections.map(async (s) => [s, await fetchSection(client, s, args)] as const));
    if (ctx.output === 'json') ctx.json(Object.fromEntries(results));
    else ctx.print(results.map(([s, items]) => `${s.toUpperCase()}\n${items.length === 0 ? '(none)' : render(s, items)}`).join('\n\n'));
    return EXIT.ok;
  },
};
