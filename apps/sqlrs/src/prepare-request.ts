// Builds a PrepareJobRequest from a prepare:/plan:/cache explain command line.
import type { PrepareJobRequest } from '@sqlrs/contract';
import { PSQL_OPTIONS, parseDuration } from '@sqlrs/contract';
import { absoluteFileArgs } from './absolute-file-args.js';
import type { CliIo } from './cli-io.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { usageError } from './usage-error.js';

/** The base image when neither --image nor $SQLRS_IMAGE is given. */
const DEFAULT_IMAGE = 'postgres:17';

/** Which tool prepares. */
export type PrepareTool = 'psql' | 'lb';

/** Options shared by prepare:* and plan:* (and cache explain). */
export const IMAGE_OPTION: OptionSpec = { name: 'image', type: 'string', value: 'IMAGE', help: `base image (default $SQLRS_IMAGE, else ${DEFAULT_IMAGE})` };

/** Options only prepare:* has (they concern the instance). */
export const INSTANCE_OPTIONS: readonly OptionSpec[] = [
  { name: 'name', type: 'string', value: 'NAME', help: 'bind the new instance to NAME' },
  { name: 'rebind', type: 'boolean', help: 'with --name: move the name if it is already bound' },
  { name: 'ttl', type: 'string', value: 'DURATION', help: 'instance lifetime: seconds or a Go duration (1h30m); 0 = never expires' },
];

/** `--ttl` as seconds: an integer, or a Go duration rounded up to whole seconds. */
function parseTtl(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  try {
    return Math.ceil(parseDuration(text) / 1000);
  } catch {
    throw usageError(`invalid --ttl "${text}": use seconds or a duration like 30m or 2h`);
  }
}

/** The request for `tool` with the tool arguments after `--`. */
export async function prepareRequest(tool: PrepareTool, args: ParsedArgs, io: CliIo, planOnly: boolean): Promise<PrepareJobRequest> {
  const str = (name: string): string | undefined => args.values[name] as string | undefined;
  const toolArgs = [...(args.toolArgs ?? [])];
  const image = str('image') ?? (io.env['SQLRS_IMAGE'] || DEFAULT_IMAGE);
  const instance = {
    ...(str('name') === undefined ? {} : { name: str('name') }),
    ...(args.values['rebind'] === true ? { rebind: true } : {}),
    ...(str('ttl') === undefined ? {} : { ttl_seconds: parseTtl(str('ttl') as string) }),
  };
  const common = { image_id: image, ...(planOnly ? { plan_only: true } : instance) };
  if (tool === 'lb') {
    if (toolArgs.length === 0) throw usageError('prepare:lb needs Liquibase arguments after --, e.g. -- update --changelog-file=changelog.xml');
    // Relative changelog paths resolve against work_dir on the engine side (api.md §4.3).
    return { prepare_kind: 'lb', ...common, liquibase_args: toolArgs, work_dir: io.cwd } as PrepareJobRequest;
  }
  const psqlArgs = absoluteFileArgs(toolArgs, PSQL_OPTIONS, io.cwd, 'path');
  const stdin = readsStdin(psqlArgs) ? await io.readStdin() : undefined;
  return { prepare_kind: 'psql', ...common, psql_args: psqlArgs, ...(stdin === undefined ? {} : { stdin }) } as PrepareJobRequest;
}

/** True when a psql argument list reads its script from stdin (`-f -`, `--file=-`, `-f-`). */
export function readsStdin(args: readonly string[]): boolean {
  return args.some((a, i) => ((a === '-f' || a === '--file') && args[i + 1] === '-') || a === '-f-' || a === '--file=-');
}
