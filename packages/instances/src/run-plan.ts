import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { validateRunRequestArgs } from '@sqlrs/contract';
import type { RunRequest } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';

/** One tool invocation of a run. */
interface RunInvocation {
  argv: string[];
  stdin: string | undefined;
  cwd: string;
  inputDirs: string[];
}

/** What a validated run request will execute. */
export interface RunPlan {
  invocations: RunInvocation[];
  /** Steps were given: events carry `step`. */
  stepped: boolean;
  timeoutSeconds: number | null;
}

function invocation(command: string, args: readonly string[], files: readonly string[], stdin: string | null | undefined): RunInvocation {
  const first = files[0];
  return {
    argv: [command, ...args],
    stdin: stdin === null || stdin === undefined ? undefined : stdin,
    cwd: first === undefined ? '/' : dirname(first),
    inputDirs: [...new Set(files.map((file) => dirname(file)))].sort(),
  };
}

async function checkReadable(files: readonly { path: string; issuePath: string }[]): Promise<void> {
  for (const file of files) {
    const readable = await access(file.path, constants.R_OK).then(
      () => true,
      () => false,
    );
    if (!readable) {
      throw new SqlrsError('invalid_argument', `file ${file.path} is not readable; check the path and its permissions`, {
        issues: [{ path: file.issuePath, message: 'file is not readable' }],
      });
    }
  }
}

/** Checks a run request's arguments and `-f` files (api.md §6 400s) and lists its invocations. */
export async function planRun(request: RunRequest): Promise<RunPlan> {
  const parsed = validateRunRequestArgs(request);
  const command = request.command ?? request.kind;
  const timeoutSeconds = request.timeout_seconds ?? null;
  if (parsed.kind === 'pgbench') {
    const files = parsed.pgbench.scripts.map((s) => ({ path: s.path, issuePath: `args[${s.index}]` }));
    await checkReadable(files);
    const plan = invocation(command, request.args ?? [], files.map((f) => f.path), request.stdin);
    return { invocations: [plan], stepped: false, timeoutSeconds };
  }
  const steps = request.steps ?? [];
  const stepped = steps.length > 0;
  const invocations: RunInvocation[] = [];
  for (const [i, parsedArgs] of parsed.invocations.entries()) {
    const base = stepped ? `steps[${i}].args` : 'args';
    const files = parsedArgs.steps.flatMap((s) => (s.kind === 'file' && s.path !== '-' ? [{ path: s.path, issuePath: `${base}[${s.index}]` }] : []));
    await checkReadable(files);
    const step = steps[i];
    const args = stepped ? (step?.args ?? []) : (request.args ?? []);
    invocations.push(invocation(command, args, files.map((f) => f.path), stepped ? step?.stdin : request.stdin));
  }
  return { invocations, stepped, timeoutSeconds };
}
