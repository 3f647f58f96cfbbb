import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDuration } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { DEFAULTS_FILE, type LiquibaseRunner } from '@sqlrs/liquibase';
import type { Sandbox } from '@sqlrs/runtime';
import type { LbRequest } from './lb-request.js';
import type { PrepareContext } from './prepare-context.js';
import { OutputTail } from './output-tail.js';
import { sandboxSql } from './sandbox-sql.js';
import { scramSha256Verifier } from '@sqlrs/instances';

/** Bytes of Liquibase output kept for a failed step's `details`. */

/** The spelling of user options as passed on (`--name=value`, or `--name`). */
function spelled(options: readonly { spelling: string; value: string | null }[]): string[] {
  return options.map((o) => (o.value === null ? `--${o.spelling}` : `--${o.spelling}=${o.value}`));
}

/** User global options, `command`, the changelog relative to its root, user command options, `-D` parameters. */
export function liquibaseArgs(lb: LbRequest, command: string[]): string[] {
  return [
    ...spelled(lb.parsed.globalOptions),
    ...command,
    `--changelog-file=${lb.changelogRelative}`,
    ...spelled(lb.parsed.commandOptions),
    ...lb.parsed.parameters.map((p) => `-D${p.name}=${p.value}`),
  ];
}

/** The preview command that matches the request's command (engine.md §2.5). */
export function previewCommand(lb: LbRequest): string[] {
  if (lb.parsed.command === 'update-count') return ['update-count-sql', `--count=${lb.parsed.count}`];
  if (lb.parsed.command === 'update-to-tag') return ['update-to-tag-sql', `--tag=${lb.parsed.tag}`];
  return ['update-sql'];
}

/**
 * The empty, engine-owned working directory `tmp/lb-<job>-<n>/` with the defaults file in it
 * (the user's bytes, else empty), so Liquibase picks up no `liquibase.properties` (engine.md §8.3).
 */
export async function makeWorkDir(ctx: PrepareContext, jobId: string, n: string, lb: LbRequest): Promise<string> {
  const dir = `${ctx.layout.lbDir(jobId)}-${n}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(join(dir, DEFAULTS_FILE), lb.defaultsText ?? '', { mode: 0o600 });
  return dir;
}

/** The output tail of a Liquibase run, which also knows Liquibase's own error lines. */
export class LineTail extends OutputTail {
  /** Liquibase's own error lines (`ERROR: …`, `Unexpected error …`), for the job's message. */
  errorSummary(): string | undefined {
    const errors = this.lines.filter((l) => /^(ERROR|Unexpected error|  Reason:)|ERROR:/i.test(l.trim()));
    return errors.length === 0 ? undefined : errors.slice(0, 3).join(' ').slice(0, 1000);
  }
}

/**
 * A fresh build password: hex, because Liquibase's command line reads a `--password=` value that
 * starts with `-` (1 in 64 base64url passwords) as an option and fails the step.
 */
export function newBuildPassword(): string {
  return randomBytes(18).toString('hex');
}

/** One Liquibase invocation against a sandbox, with a fresh build password set and cleared around it. */
export async function runLiquibaseIn(
  ctx: PrepareContext,
  a: { runner: LiquibaseRunner; lb: LbRequest; sandbox: Sandbox; workDir: string; jobId: string; appName: string; args: string[]; signal: AbortSignal; log: (message: string) => void },
): Promise<{ exitCode: number; stdout: string; tail: LineTail }> {
  const password = newBuildPassword();
  // A client-computed SCRAM verifier, as for instances: the plaintext never reaches the server.
  await sandboxSql(a.sandbox, `ALTER ROLE sqlrs PASSWORD '${scramSha256Verifier(password, randomBytes(16))}'`);
  const tail = new LineTail();
  try {
    const result = await a.runner.run(
      {
        args: a.args,
        roots: a.lb.roots,
        workDir: a.workDir,
        sandbox: a.sandbox,
        password,
        appName: a.appName,
        statementTimeoutMs: Math.round(parseDuration(ctx.config().prepare.statementTimeout)),
        env: a.lb.env,
        jobId: a.jobId,
        storeId: ctx.store.storeId(),
      },
      (_stream, line) => {
        tail.push(line);
        a.log(`liquibase: ${line}`);
      },
      a.signal,
    );
    return { ...result, tail };
  } finally {
    // States never carry a secret (engine.md §6.4 step 2); a dead sandbox is discarded anyway.
    if (!a.signal.aborted) await sandboxSql(a.sandbox, 'ALTER ROLE sqlrs PASSWORD NULL');
  }
}

/** The job error of a non-zero Liquibase exit: Liquibase's message, the output tail as details. */
export function liquibaseFailure(what: string, exitCode: number, tail: LineTail): SqlrsError {
  const summary = tail.errorSummary();
  return new SqlrsError('internal_error', `liquibase exited with code ${exitCode} ${what}${summary === undefined ? '' : `: ${summary}`}`, { details: tail.text() });
}
