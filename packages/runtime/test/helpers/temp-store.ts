import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';

/** A store under the temp dir and the function that removes it. */
export interface TempStore {
  layout: StoreLayout;
  cleanup: () => Promise<void>;
}

/** A fresh store under the temp dir (0711 directories when root), removed by `cleanup`. */
export async function tempStore(): Promise<TempStore> {
  const root = await mkdtemp(join(tmpdir(), 'sqlrs-rt-'));
  const layout = new StoreLayout(root);
  await ensureStoreDirs(layout, { asRoot: process.getuid?.() === 0 });
  return { layout, cleanup: () => rm(root, { recursive: true, force: true }) };
}
