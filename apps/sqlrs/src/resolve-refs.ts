// Turns what users type (names, id prefixes, full ids) into the ids the API wants.
import type { SqlrsClient } from '@sqlrs/client';
import { SqlrsError } from '@sqlrs/errors';
import { isRandomId, isValidName } from '@sqlrs/id';
import { usageError } from './usage-error.js';

const HEX_PREFIX = /^[0-9a-f]{8,64}$/i;

/** A resolved rm/ls target. */
export type Target = { kind: 'instance' | 'state' | 'job'; id: string };

function ambiguous(ref: string, matches: readonly Target[]): SqlrsError {
  const list = matches.map((m) => `${m.kind} ${m.id}`).join(', ');
  return usageError(`id prefix "${ref}" is ambiguous: it matches ${list}; type more characters`);
}

/** An instance by id, name or unique id prefix (>= 8 hex). Names go to the engine as they are. */
export async function resolveInstance(client: SqlrsClient, ref: string): Promise<string> {
  if (isValidName(ref)) return ref;
  if (isRandomId(ref.toLowerCase())) return ref.toLowerCase();
  if (!HEX_PREFIX.test(ref) || ref.length > 32) throw usageError(`"${ref}" is neither an instance name nor an id prefix of 8 to 32 hex characters`);
  const found = await client.listInstances({ id_prefix: ref });
  if (found.length === 0) throw new SqlrsError('not_found', `no instance id starts with ${ref}`);
  if (found.length > 1) throw ambiguous(ref, found.map((i) => ({ kind: 'instance', id: i.instance_id })));
  return (found[0] as { instance_id: string }).instance_id;
}

/** A job by full id or unique prefix (1..32 hex, the `?job=` filter of api.md §4.5). */
export async function resolveJob(client: SqlrsClient, ref: string): Promise<string> {
  if (isRandomId(ref.toLowerCase())) return ref.toLowerCase();
  if (!/^[0-9a-f]{1,32}$/i.test(ref)) throw usageError(`"${ref}" is not a job id or id prefix (hex)`);
  const found = await client.listPrepareJobs({ job: ref });
  if (found.length === 0) throw new SqlrsError('not_found', `no job id starts with ${ref}`);
  if (found.length > 1) throw ambiguous(ref, found.map((j) => ({ kind: 'job', id: j.job_id })));
  return (found[0] as { job_id: string }).job_id;
}

/**
 * An rm target: a name (its instance), a full job id, or an id prefix of >= 8 hex matching
 * exactly one instance or state. A prefix matching several objects is an error.
 */
export async function resolveTarget(client: SqlrsClient, ref: string): Promise<Target> {
  if (isValidName(ref)) return { kind: 'instance', id: (await client.getName(ref)).instance_id ?? ref };
  if (!HEX_PREFIX.test(ref)) throw usageError(`"${ref}" is not a name, a full job id or an id prefix of at least 8 hex characters`);
  const id = ref.toLowerCase();
  const matches: Target[] = [];
  if (id.length <= 32) for (const i of await client.listInstances({ id_prefix: id })) matches.push({ kind: 'instance', id: i.instance_id });
  for (const s of await client.listStates({ id_prefix: id })) matches.push({ kind: 'state', id: s.state_id });
  if (matches.length === 0 && isRandomId(id)) {
    const jobs = await client.listPrepareJobs({ job: id });
    if (jobs.some((j) => j.job_id === id)) matches.push({ kind: 'job', id });
  }
  if (matches.length === 0) throw new SqlrsError('not_found', `nothing matches ${ref}: no instance, state${isRandomId(id) ? ' or job' : ''} with that id`);
  if (matches.length > 1) throw ambiguous(ref, matches);
  return matches[0] as Target;
}
