import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';

/** A fresh store under the temp dir (0711 directories when root), removed by `cleanup`. */
export async function tempStore(): Promise<{ layout: StoreLayout; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sqlrs-rt-'));
  const layout = new StoreLayout(root);
  await ensureStoreDirs(layout, { asRoot: process.getuid?.() === 0 });
  return { layout, cleanup: () => rm(root, { recursive: true, force: true }) };
}
