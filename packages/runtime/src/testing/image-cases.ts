import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PG_HBA_CONF } from '../pg-hba.js';
import { query } from './contract-context.js';
import type { CaseHost } from './case-host.js';

/** resolveImage and initBase (engine.md §7.4). */
export function imageCases(host: CaseHost): void {
  it('resolves an image to a stable key, and its display ref resolves to the same image', async (t) => {
    const ctx = host.context(t);
    const again = await ctx.runtime.resolveImage(ctx.env.imageRef, { pull: 'missing' });
    expect(again).toEqual(ctx.image);
    expect(ctx.image.imageKey).toMatch(new RegExp(`^${ctx.runtime.kind}:sha256:[0-9a-f]{64}$`));
    const viaDisplay = await ctx.runtime.resolveImage(ctx.image.displayRef, { pull: 'never' });
    expect(viaDisplay).toEqual(ctx.image);
  });

  it('initBase makes a cluster with PG_VERSION, the sqlrs pg_hba.conf and both superuser roles', async (t) => {
    const ctx = host.context(t);
    const pgdata = join(ctx.baseDir, 'pgdata');
    expect(await readFile(join(pgdata, 'PG_VERSION'), 'utf8')).toBe(`${ctx.image.pgMajor}\n`);
    expect(await readFile(join(pgdata, 'pg_hba.conf'), 'utf8')).toBe(PG_HBA_CONF);
    const sandbox = await ctx.start(ctx.spec(await ctx.newDirs()));
    const roles = await query(
      sandbox,
      { socket: true, user: 'postgres' },
      "SELECT rolname, rolsuper, rolcanlogin FROM pg_roles WHERE rolname IN ('sqlrs', 'postgres') ORDER BY rolname",
    );
    expect(roles).toEqual([
      { rolname: 'postgres', rolsuper: true, rolcanlogin: true },
      { rolname: 'sqlrs', rolsuper: true, rolcanlogin: true },
    ]);
    await ctx.runtime.remove(sandbox.ref);
  });
}
