import { rm } from 'node:fs/promises';
import { SqlrsError } from '@sqlrs/errors';
import type { Sandbox } from '@sqlrs/runtime';
import { liquibaseArgs, liquibaseFailure, makeWorkDir, runLiquibaseIn } from './lb-invocation.js';
import type { LbPlan, PlannedLbStep } from './lb-plan.js';
import type { PrepareContext } from './prepare-context.js';
import { FIELD_SEPARATOR, sandboxSql } from './sandbox-sql.js';

interface ChangelogRow {
  id: string;
  author: string;
  filename: string;
  exectype: string;
  md5sum: string;
}

async function lastOrder(ctx: PrepareContext, sandbox: Sandbox): Promise<number> {
  const [exists] = await sandboxSql(sandbox, "SELECT to_regclass('public.databasechangelog') IS NOT NULL;");
  if (exists !== 't') return 0;
  const [max] = await sandboxSql(sandbox, 'SELECT coalesce(max(orderexecuted), 0) FROM public.databasechangelog;');
  return Number(max ?? 0);
}

async function rowsAfter(ctx: PrepareContext, sandbox: Sandbox, order: number): Promise<ChangelogRow[]> {
  const [exists] = await sandboxSql(sandbox, "SELECT to_regclass('public.databasechangelog') IS NOT NULL;");
  if (exists !== 't') return [];
  const lines = await sandboxSql(
    sandbox,
    `SELECT id, author, filename, exectype, coalesce(md5sum, '') FROM public.databasechangelog WHERE orderexecuted > ${order} ORDER BY orderexecuted, dateexecuted;`,
  );
  return lines.map((line) => {
    const [id, author, filename, exectype, md5sum] = line.split(FIELD_SEPARATOR) as [string, string, string, string, string];
    return { id, author, filename, exectype, md5sum };
  });
}

/** The drift check of engine.md §8.3: the rows this run wrote must be exactly the planned changesets. */
function checkDrift(k: number, step: PlannedLbStep, rows: ChangelogRow[]): void {
  const planned = step.changesets.map((cs) => `${cs.path}::${cs.id}::${cs.author}`).join(', ') || 'nothing';
  const ran = rows.map((r) => `${r.filename}::${r.id}::${r.author}`).join(', ') || 'nothing';
  const same =
    rows.length === step.changesets.length &&
    rows.every((r, i) => {
      const cs = step.changesets[i];
      return cs !== undefined && r.id === cs.id && r.author === cs.author && r.filename === cs.path && (r.exectype === 'EXECUTED' || r.exectype === 'MARK_RAN');
    });
  if (!same) throw new SqlrsError('internal_error', `Liquibase plan drift at execute-${k}: planned ${planned}, Liquibase ran ${ran}`);
  for (const [i, r] of rows.entries()) {
    const cs = step.changesets[i];
    if (cs !== undefined && r.md5sum !== '' && r.md5sum !== cs.checksum) {
      throw new SqlrsError('invalid_argument', `inputs changed after submit: changeset ${cs.path}::${cs.id}::${cs.author} has checksum ${r.md5sum}, planned ${cs.checksum}`);
    }
  }
}

/** Applies one planned lb step in a build sandbox (`update-count --count <n>`), then checks drift. */
export async function executeLbStep(
  ctx: PrepareContext,
  a: { jobId: string; k: number; lb: LbPlan; sandbox: Sandbox; signal: AbortSignal; log: (message: string) => void },
): Promise<void> {
  const step = a.lb.steps[a.k];
  if (step === undefined) throw new SqlrsError('internal_error', `step ${a.k} is not planned`);
  if (step.changesets.length === 0) return;
  const before = await lastOrder(ctx, a.sandbox);
  const workDir = await makeWorkDir(ctx, a.jobId, String(a.k), a.lb.request);
  try {
    const { exitCode, tail } = await runLiquibaseIn(ctx, {
      runner: a.lb.runner,
      lb: a.lb.request,
      sandbox: a.sandbox,
      workDir,
      jobId: a.jobId,
      appName: `sqlrs-build-${a.jobId.slice(0, 8)}-${a.k}`,
      args: liquibaseArgs(a.lb.request, ['update-count', `--count=${step.changesets.length}`]),
      signal: a.signal,
      log: a.log,
    });
    if (a.signal.aborted) throw a.signal.reason;
    if (exitCode !== 0) throw liquibaseFailure(`in step ${a.k} (${step.argsSummary})`, exitCode, tail);
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  checkDrift(a.k, step, await rowsAfter(ctx, a.sandbox, before));
}
