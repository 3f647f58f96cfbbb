import { SqlrsError } from '@sqlrs/errors';
import { type HashRecord, hashRecords } from './hash-records.js';
import { type NameValues, sortedEntries } from './name-values.js';

/** The cache schema of engine.md §3.2; bump it whenever executor semantics or key encoding change. */
export const CACHE_SCHEMA = 'sqlrs-cache-v1';

/** The variable psql always runs with (`-v ON_ERROR_STOP=1`), never part of a key. */
const ON_ERROR_STOP = 'ON_ERROR_STOP';

/** The parts of the v1 init spec that vary: the locale and the exact `pg_hba.conf` bytes. */
export interface InitSpec {
  /** `C.UTF-8`, or `C` when the image lacks it. */
  locale: string;
  /** The exact bytes written as `pg_hba.conf` (text is UTF-8 encoded). */
  hba: string | Uint8Array;
}

/** `init_spec_hash` of engine.md §3.2. */
export function initSpecHash(spec: InitSpec): string {
  return hashRecords([
    ['domain', 'sqlrs.init.v1'],
    ['bootstrap_user', 'sqlrs'],
    ['extra_role', 'postgres:SUPERUSER:nopassword'],
    ['encoding', 'UTF8'],
    ['locale', spec.locale],
    ['locale_provider', 'libc'],
    ['auth_local', 'trust'],
    ['auth_host', 'scram-sha-256'],
    ['timezone', 'UTC'],
    ['data_checksums', '0'],
    ['hba', spec.hba],
  ]);
}

/** `base_id` of engine.md §3.2: the empty cluster of one image under one init spec. */
export function baseId(imageKey: string, initSpec: string): string {
  return hashRecords([
    ['domain', 'sqlrs.base.v1'],
    ['cache_schema', CACHE_SCHEMA],
    ['image_key', imageKey],
    ['init_spec', initSpec],
  ]);
}

/** `build_conf` of engine.md §3.2 over user build settings; the empty string when there are none. */
export function buildConf(settings: NameValues): string {
  const entries = sortedEntries(settings);
  if (entries.length === 0) return '';
  const records: HashRecord[] = [['domain', 'sqlrs.buildconf.v1']];
  for (const [name, value] of entries) records.push(['conf_name', name], ['conf_value', value]);
  return hashRecords(records);
}

/** How a psql step feeds psql: a script (`-f file`, `-f -`), a command (`-c`), or nothing. */
export type PsqlSourceKind = 'script' | 'command' | 'empty';

/** Everything a psql step's `task_hash` covers. */
export interface PsqlTaskKey {
  initSpecHash: string;
  buildConf: string;
  sourceKind: PsqlSourceKind;
  /** The step's `content_hash`; the empty string for an `empty` step. */
  contentHash: string;
  singleTransaction: boolean;
  singleLine: boolean;
  /** `-v` variables resolved last-wins; `ON_ERROR_STOP` is left out of the key. */
  variables: NameValues;
}

const flag = (value: boolean): string => (value ? '1' : '0');

/** The records every task hash starts with; the Liquibase task hash (engine.md §3.2) continues from the same prefix. */
function taskPrefix(prepareKind: 'psql' | 'lb', initSpec: string, conf: string): HashRecord[] {
  return [
    ['domain', 'sqlrs.task.v1'],
    ['cache_schema', CACHE_SCHEMA],
    ['prepare_kind', prepareKind],
    ['init_spec', initSpec],
    ['build_conf', conf],
  ];
}

/** `task_hash` of one psql step (engine.md §3.2). */
export function psqlTaskHash(key: PsqlTaskKey): string {
  if ((key.sourceKind === 'empty') !== (key.contentHash === '')) {
    throw new SqlrsError('internal_error', `a ${key.sourceKind} step cannot have content hash "${key.contentHash}"`);
  }
  const records = taskPrefix('psql', key.initSpecHash, key.buildConf);
  records.push(
    ['source_kind', key.sourceKind],
    ['content_hash', key.contentHash],
    ['single_transaction', flag(key.singleTransaction)],
    ['single_line', flag(key.singleLine)],
  );
  for (const [name, value] of sortedEntries(key.variables)) {
    if (name.toUpperCase() !== ON_ERROR_STOP) records.push(['var_name', name], ['var_value', value]);
  }
  return hashRecords(records);
}

/** What a step starts from. */
export type StepInputKind = 'image' | 'state';

/** `state_id` of engine.md §3.2: the parent (image key or state id) and the step's task hash. */
export function stateId(input: { inputKind: StepInputKind; inputId: string; taskHash: string }): string {
  return hashRecords([
    ['input_kind', input.inputKind],
    ['input_id', input.inputId],
    ['task_hash', input.taskHash],
  ]);
}

/** The job signature of engine.md §3.2 that groups jobs for retention and explain. */
export function jobSignature(job: {
  prepareKind: 'psql' | 'lb';
  planOnly: boolean;
  imageKey: string;
  finalStateId: string;
}): string {
  return hashRecords([
    ['domain', 'sqlrs.job.v1'],
    ['prepare_kind', job.prepareKind],
    ['plan_only', flag(job.planOnly)],
    ['image_key', job.imageKey],
    ['final_state_id', job.finalStateId],
  ]);
}

/** One changeset's records in an lb task hash (engine.md §3.2 `cs_*`). */
export interface ChangesetKey {
  path: string;
  id: string;
  author: string;
  checksum: string;
  sqlHash: string;
  execType: string;
}

/** Everything an lb step's `task_hash` covers (engine.md §3.2). */
export interface LbTaskKey {
  initSpecHash: string;
  buildConf: string;
  lbVersion: string;
  contexts: string;
  labels: string;
  /** `-D` options and defaults-file `parameter.*`. */
  parameters: NameValues;
  /** `liquibase_env` without `JAVA_HOME`. */
  env: NameValues;
  /** sha256 of the defaults file, or ''. */
  defaultsHash: string;
  /** Remaining accepted options (normalised name → value; '' for a bare boolean). */
  flags: NameValues;
  /** None for the `empty` step, one per step, several for the runAlways tail. */
  changesets: readonly ChangesetKey[];
  /** The job id when this is the runAlways tail (never cached), else null. */
  tailNonce: string | null;
}

/** `task_hash` of one Liquibase step (engine.md §3.2). */
export function lbTaskHash(key: LbTaskKey): string {
  const records = taskPrefix('lb', key.initSpecHash, key.buildConf);
  records.push(['lb_version', key.lbVersion], ['contexts', key.contexts.trim()], ['labels', key.labels.trim()]);
  for (const [name, value] of sortedEntries(key.parameters)) records.push(['param_name', name], ['param_value', value]);
  for (const [name, value] of sortedEntries(key.env)) {
    if (name !== 'JAVA_HOME') records.push(['env_name', name], ['env_value', value]);
  }
  records.push(['defaults_hash', key.defaultsHash]);
  for (const [name, value] of sortedEntries(key.flags)) records.push(['flag_name', name], ['flag_value', value]);
  for (const cs of key.changesets) {
    records.push(['cs_path', cs.path], ['cs_id', cs.id], ['cs_author', cs.author], ['cs_checksum', cs.checksum], ['cs_sql_hash', cs.sqlHash], ['cs_exectype', cs.execType]);
  }
  if (key.tailNonce !== null) records.push(['exec_mode', 'tail'], ['nonce', key.tailNonce]);
  return hashRecords(records);
}
