// rm: delete an instance, a state (with -r its subtree) or a job; blocked deletes exit 75.
import type { DeleteResult } from '@sqlrs/contract';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { deleteTree } from '../render/delete-tree.js';
import { resolveTarget } from '../resolve-refs.js';
import { usageError } from '../usage-error.js';

export const rm: Command = {
  name: 'rm',
  summary: 'delete an instance, a state or a job',
  usage: '[-r] [-f] [--dry-run] <name | id prefix (8+ hex) | job id>',
  description: `A name deletes its instance; an id prefix must match exactly one instance or state.
-r deletes a state with everything built on it; -f ends live sessions (and running job tasks).
A blocked delete prints the tree with the reasons and exits 75; --dry-run changes nothing.`,
  options: [
    { name: 'recurse', short: 'r', type: 'boolean', help: 'states: delete descendant states and their instances too' },
    { name: 'force', short: 'f', type: 'boolean', help: 'delete even with open connections (instances) or running tasks (jobs)' },
    { name: 'dry-run', type: 'boolean', help: 'only show what would be deleted' },
  ],
  positionals: { min: 1, max: 1 },
  examples: ['sqlrs rm dev', 'sqlrs rm -f 4be1d2c3', 'sqlrs rm -r --dry-run 3f2a9c01', 'sqlrs rm 9f2c4be1d2c3a4b5c6d7e8f90a1b2c3d   # a job: full id only'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const target = await resolveTarget(client, args.positionals[0] as string);
    const force = args.values['force'] === true;
    const dry_run = args.values['dry-run'] === true;
    const recurse = args.values['recurse'] === true;
    if (recurse && target.kind !== 'state') throw usageError(`-r applies to states; ${args.positionals[0]} is a ${target.kind}`, 'rm');
    let result: DeleteResult;
    if (target.kind === 'instance') result = await client.deleteInstance(target.id, { force, dry_run });
    else if (target.kind === 'state') result = await client.deleteState(target.id, { recurse, force, dry_run });
    else result = await client.deletePrepareJob(target.id, { force, dry_run });
    if (ctx.output === 'json') ctx.json(result);
    else ctx.print(deleteTree(result));
    if (result.outcome === 'blocked') {
      ctx.note('sqlrs: delete blocked (reasons above): -f ends live sessions or running tasks, -r takes descendant states along');
      return EXIT.blocked;
    }
    return EXIT.ok;
  },
};
